CREATE TABLE `lifecycle_machines` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`definition_json` text NOT NULL,
	`note` text,
	`saved_at` integer NOT NULL,
	`saved_by_id` text,
	`saved_by_name` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lifecycle_machines_version_idx` ON `lifecycle_machines` (`version`);--> statement-breakpoint
CREATE TABLE `order_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`type` text NOT NULL,
	`code` text NOT NULL,
	`params_json` text DEFAULT '{}' NOT NULL,
	`group_id` text,
	`opened_at` integer NOT NULL,
	`opened_by_id` text,
	`opened_by_name` text,
	`released_at` integer,
	`released_by_id` text,
	`released_by_name` text,
	`release_code` text,
	`release_params_json` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_holds_order_idx` ON `order_holds` (`order_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `order_holds_open_idx` ON `order_holds` (`type`,`opened_at`) WHERE released_at IS NULL;--> statement-breakpoint
CREATE INDEX `order_holds_group_idx` ON `order_holds` (`group_id`) WHERE group_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `order_links` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`order_id` text NOT NULL,
	`other_order_id` text NOT NULL,
	`detail_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by_id` text,
	`created_by_name` text,
	`reversed_at` integer,
	`reversed_by_id` text,
	`reversed_by_name` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`other_order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_links_order_idx` ON `order_links` (`order_id`,`kind`);--> statement-breakpoint
CREATE INDEX `order_links_other_idx` ON `order_links` (`other_order_id`,`kind`);--> statement-breakpoint
CREATE TABLE `quality_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`batch_no` text NOT NULL,
	`sku_code` text,
	`code` text NOT NULL,
	`params_json` text DEFAULT '{}' NOT NULL,
	`frozen_at` integer NOT NULL,
	`frozen_by_id` text,
	`frozen_by_name` text,
	`released_at` integer,
	`released_by_id` text,
	`released_by_name` text,
	`release_code` text,
	`release_params_json` text
);
--> statement-breakpoint
CREATE INDEX `quality_holds_batch_idx` ON `quality_holds` (`batch_no`,`released_at`);--> statement-breakpoint
ALTER TABLE `skus` ADD `gift_group` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `source_order_id` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `split_from_line_id` text;--> statement-breakpoint
CREATE INDEX `order_lines_batch_idx` ON `order_lines` (`batch_no`) WHERE batch_no IS NOT NULL;--> statement-breakpoint
CREATE INDEX `order_lines_source_idx` ON `order_lines` (`source_order_id`) WHERE source_order_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `platform_phase` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `machine_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `status_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `sla_due_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `parent_order_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `merged_into_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `address_changed_at` integer;--> statement-breakpoint
CREATE INDEX `orders_sla_idx` ON `orders` (`sla_due_at`,`id`) WHERE sla_due_at IS NOT NULL;