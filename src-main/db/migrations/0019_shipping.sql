CREATE TABLE `shipment_confirmations` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`shipment_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`platform_order_id` text NOT NULL,
	`tracking_no` text NOT NULL,
	`carrier` text NOT NULL,
	`platform_line_ids_json` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`error_code` text,
	`error_params_json` text,
	`confirmed_at` integer,
	`confirmed_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shipment_confirmations_order_tracking_idx` ON `shipment_confirmations` (`order_id`,`tracking_no`);--> statement-breakpoint
CREATE INDEX `shipment_confirmations_due_idx` ON `shipment_confirmations` (`next_attempt_at`) WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX `shipment_confirmations_created_idx` ON `shipment_confirmations` (`created_at`);--> statement-breakpoint
CREATE INDEX `shipment_confirmations_state_idx` ON `shipment_confirmations` (`state`) WHERE state <> 'confirmed';--> statement-breakpoint
CREATE TABLE `shipment_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`shipment_id` text NOT NULL,
	`order_id` text NOT NULL,
	`order_line_id` text NOT NULL,
	`sku_code` text,
	`warehouse_id` text,
	`qty` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shipment_lines_shipment_line_idx` ON `shipment_lines` (`shipment_id`,`order_line_id`);--> statement-breakpoint
CREATE INDEX `shipment_lines_line_idx` ON `shipment_lines` (`order_line_id`);--> statement-breakpoint
CREATE INDEX `shipment_lines_order_idx` ON `shipment_lines` (`order_id`);--> statement-breakpoint
CREATE INDEX `shipments_tracking_idx` ON `shipments` (`tracking_no`);