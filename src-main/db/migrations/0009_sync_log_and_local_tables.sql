CREATE TABLE `channel_health` (
	`channel_id` text PRIMARY KEY NOT NULL,
	`state` text DEFAULT 'active' NOT NULL,
	`last_success_at` integer,
	`last_error_at` integer,
	`last_error` text,
	`failures` integer DEFAULT 0 NOT NULL,
	`polled_by` text,
	`heartbeat_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `channel_secrets` (
	`channel_id` text PRIMARY KEY NOT NULL,
	`sealed` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `local_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value_json` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`code` text,
	`params_json` text
);
--> statement-breakpoint
CREATE INDEX `sync_log_at_idx` ON `sync_log` (`at`);--> statement-breakpoint
CREATE TABLE `sync_unknown` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`value_json` text,
	`hlc` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`, `field`)
);
--> statement-breakpoint
-- The old outbox named fields without their values: nothing can be pushed from it. Enrolling a
-- PC in a team uploads a snapshot of every synced row instead, so the old rows are dropped.
DROP TABLE `outbox`;--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`op` text NOT NULL,
	`values_json` text,
	`hlc` text NOT NULL,
	`call` text NOT NULL,
	`actor_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_entity_idx` ON `outbox` (`entity`,`entity_id`);--> statement-breakpoint
-- Secrets sealed by this PC's keychain and the finance schedule's folder are local from now on.
INSERT INTO `channel_secrets` (`channel_id`, `sealed`, `updated_at`)
  SELECT `id`, `secrets_sealed`, `updated_at` FROM `channels` WHERE `secrets_sealed` IS NOT NULL;--> statement-breakpoint
INSERT INTO `local_settings` (`key`, `value_json`, `updated_at`)
  SELECT 'finance.exportSchedule.folder', json_quote(json_extract(`value_json`, '$.folder')), `updated_at`
  FROM `settings` WHERE `id` = 'finance.exportSchedule' AND json_extract(`value_json`, '$.folder') IS NOT NULL;--> statement-breakpoint
UPDATE `settings` SET `value_json` = json_remove(`value_json`, '$.folder') WHERE `id` = 'finance.exportSchedule';--> statement-breakpoint
ALTER TABLE `channels` ADD `poller_device_id` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `poller_failover_minutes` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `channels` DROP COLUMN `secrets_sealed`;