CREATE TABLE `order_raw_dicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`family` text NOT NULL,
	`created_at` integer NOT NULL,
	`dict` blob NOT NULL
);
--> statement-breakpoint
DROP INDEX `order_lines_sku_idx`;--> statement-breakpoint
DROP INDEX `order_events_order_idx`;--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`);--> statement-breakpoint
ALTER TABLE `order_raw` ADD `dict_id` integer;