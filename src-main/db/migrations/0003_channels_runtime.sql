CREATE TABLE `channel_coverage` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` text NOT NULL,
	`day` text NOT NULL,
	`window_from` integer NOT NULL,
	`window_to` integer NOT NULL,
	`fetched_at` integer NOT NULL,
	`orders_seen` integer NOT NULL,
	`platform_total` integer,
	`status` text NOT NULL,
	`note` text,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `channel_coverage_day_idx` ON `channel_coverage` (`channel_id`,`day`,`window_from`);--> statement-breakpoint
CREATE INDEX `channel_coverage_status_idx` ON `channel_coverage` (`channel_id`,`status`);--> statement-breakpoint
CREATE TABLE `channel_quarantine` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`platform_order_id` text,
	`payload` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`reason` text NOT NULL,
	`received_at` integer NOT NULL,
	`resolved_at` integer,
	`attempts` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `channel_quarantine_channel_idx` ON `channel_quarantine` (`channel_id`,`resolved_at`,`received_at`);--> statement-breakpoint
CREATE TABLE `channel_state` (
	`channel_id` text PRIMARY KEY NOT NULL,
	`cursor_at` integer,
	`backfill_from` integer,
	`state` text DEFAULT 'active' NOT NULL,
	`last_success_at` integer,
	`last_error_at` integer,
	`last_error` text,
	`failures` integer DEFAULT 0 NOT NULL,
	`next_poll_at` integer,
	`window_from` integer,
	`window_to` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `channel_unmapped` (
	`channel_id` text NOT NULL,
	`platform_status` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`sample_platform_order_id` text,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_unmapped_pk` ON `channel_unmapped` (`channel_id`,`platform_status`);