CREATE TABLE `channels` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`platform_shop_id` text,
	`config_json` text DEFAULT '{}' NOT NULL,
	`secrets_sealed` text,
	`paused` integer DEFAULT false NOT NULL,
	`commission_bps` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_kind` text,
	`platform_buyer_id` text,
	`nick` text,
	`name_masked` text,
	`phone_masked` text,
	`phone_hash` text,
	`grade` text DEFAULT 'C' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_buyer_idx` ON `customers` (`channel_kind`,`platform_buyer_id`);--> statement-breakpoint
CREATE INDEX `customers_phone_idx` ON `customers` (`phone_hash`);--> statement-breakpoint
CREATE TABLE `skus` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`spec` text,
	`barcode` text,
	`price_fen` integer,
	`weight_grams` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skus_code_idx` ON `skus` (`code`);--> statement-breakpoint
CREATE TABLE `warehouses` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`city` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warehouses_code_unique` ON `warehouses` (`code`);--> statement-breakpoint
CREATE TABLE `order_addresses` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`receiver_name` text,
	`receiver_phone` text,
	`province` text,
	`city` text,
	`district` text,
	`detail` text,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_addresses_order_idx` ON `order_addresses` (`order_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`actor_id` text,
	`actor_name` text,
	`from_status` text,
	`to_status` text,
	`detail_json` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`at`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`platform_line_id` text,
	`sku_code` text,
	`title` text NOT NULL,
	`spec` text,
	`qty` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`discount_fen` integer DEFAULT 0 NOT NULL,
	`paid_fen` integer NOT NULL,
	`batch_no` text,
	`gift` integer DEFAULT false NOT NULL,
	`parent_line_id` text,
	`refund_status` text,
	`refund_fen` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`order_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `order_lines_sku_idx` ON `order_lines` (`sku_code`);--> statement-breakpoint
CREATE TABLE `order_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`author_id` text,
	`author_name` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_notes_order_idx` ON `order_notes` (`order_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `order_raw` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`version` integer NOT NULL,
	`source` text NOT NULL,
	`fetched_at` integer NOT NULL,
	`payload_gz` blob NOT NULL
);
--> statement-breakpoint
CREATE INDEX `order_raw_order_idx` ON `order_raw` (`order_id`,`version`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`platform_order_id` text NOT NULL,
	`status` text NOT NULL,
	`platform_status` text NOT NULL,
	`refund_status` text,
	`goods_fen` integer NOT NULL,
	`discount_fen` integer DEFAULT 0 NOT NULL,
	`platform_discount_fen` integer DEFAULT 0 NOT NULL,
	`postage_fen` integer DEFAULT 0 NOT NULL,
	`paid_fen` integer NOT NULL,
	`commission_fen` integer,
	`refund_fen` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`paid_at` integer,
	`platform_updated_at` integer NOT NULL,
	`promised_ship_at` integer,
	`shipped_at` integer,
	`completed_at` integer,
	`warehouse_id` text,
	`urgency` text DEFAULT 'green' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`hold` text,
	`merge_group` text,
	`buyer_remark` text,
	`seller_note` text,
	`customer_id` text,
	`buyer_nick` text,
	`receiver_name` text,
	`receiver_phone` text,
	`phone_last4` text,
	`province` text,
	`city` text,
	`district` text,
	`address_detail` text,
	`carrier` text,
	`tracking_no` text,
	`version` integer DEFAULT 1 NOT NULL,
	`ingested_at` integer NOT NULL,
	`modified_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_channel_platform_idx` ON `orders` (`channel_id`,`platform_order_id`);--> statement-breakpoint
CREATE INDEX `orders_platform_id_idx` ON `orders` (`platform_order_id`);--> statement-breakpoint
CREATE INDEX `orders_paid_idx` ON `orders` (`paid_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `orders` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_status_paid_idx` ON `orders` (`status`,`paid_at`);--> statement-breakpoint
CREATE INDEX `orders_channel_paid_idx` ON `orders` (`channel_id`,`paid_at`);--> statement-breakpoint
CREATE INDEX `orders_phone4_idx` ON `orders` (`phone_last4`);--> statement-breakpoint
CREATE INDEX `orders_nick_idx` ON `orders` (`buyer_nick`);--> statement-breakpoint
CREATE INDEX `orders_tracking_idx` ON `orders` (`tracking_no`);--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_warehouse_idx` ON `orders` (`warehouse_id`,`status`);--> statement-breakpoint
CREATE INDEX `orders_completed_idx` ON `orders` (`completed_at`);