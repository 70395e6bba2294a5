CREATE TABLE `handover_parcels` (
	`id` text PRIMARY KEY NOT NULL,
	`handover_id` text NOT NULL,
	`shipment_id` text NOT NULL,
	`order_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handover_parcels_shipment_idx` ON `handover_parcels` (`shipment_id`);--> statement-breakpoint
CREATE INDEX `handover_parcels_order_idx` ON `handover_parcels` (`order_id`);--> statement-breakpoint
CREATE TABLE `handovers` (
	`id` text PRIMARY KEY NOT NULL,
	`carrier` text NOT NULL,
	`warehouse_id` text,
	`parcels` integer NOT NULL,
	`created_by_name` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handovers_created_idx` ON `handovers` (`created_at`);--> statement-breakpoint
CREATE TABLE `pick_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`filters_json` text NOT NULL,
	`order_ids_json` text NOT NULL,
	`orders` integer NOT NULL,
	`units` integer NOT NULL,
	`prints` integer DEFAULT 1 NOT NULL,
	`created_by_name` text,
	`created_at` integer NOT NULL,
	`last_printed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pick_lists_wh_created_idx` ON `pick_lists` (`warehouse_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sku_bins` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`sku_code` text NOT NULL,
	`bin` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sku_bins_wh_sku_idx` ON `sku_bins` (`warehouse_id`,`sku_code`);