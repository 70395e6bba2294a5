CREATE TABLE `order_raw_blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dict_id` integer NOT NULL,
	`data` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `order_raw_dicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`family` text NOT NULL,
	`created_at` integer NOT NULL,
	`dict` blob NOT NULL
);
--> statement-breakpoint
DROP INDEX `order_lines_sku_idx`;--> statement-breakpoint
DROP INDEX `orders_platform_id_idx`;--> statement-breakpoint
DROP INDEX `orders_channel_paid_idx`;--> statement-breakpoint
DROP INDEX `order_events_order_idx`;--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`);--> statement-breakpoint
ALTER TABLE `order_raw` ADD `block_id` integer;--> statement-breakpoint
ALTER TABLE `order_raw` ADD `block_offset` integer;--> statement-breakpoint
ALTER TABLE `order_raw` ADD `block_length` integer;--> statement-breakpoint
ALTER TABLE `order_raw` ADD `payload_hash` integer;