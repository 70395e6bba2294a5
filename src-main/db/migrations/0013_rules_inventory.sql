CREATE TABLE `buyer_blacklist` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`buyer_nick` text,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by_name` text
);
--> statement-breakpoint
CREATE INDEX `buyer_blacklist_customer_idx` ON `buyer_blacklist` (`customer_id`);--> statement-breakpoint
CREATE INDEX `buyer_blacklist_nick_idx` ON `buyer_blacklist` (`buyer_nick`);--> statement-breakpoint
CREATE TABLE `order_assignments` (
	`order_id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`user_name` text NOT NULL,
	`rule_id` text,
	`rule_version` integer,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rule_set_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`rules_json` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`created_by` text,
	`created_by_name` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rule_set_versions_version_idx` ON `rule_set_versions` (`version`);--> statement-breakpoint
CREATE TABLE `order_routes` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`ship_day` text NOT NULL,
	`made_by_kind` text NOT NULL,
	`made_by_name` text,
	`rule_version` integer,
	`reason_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`released_at` integer,
	`release_reason` text
);
--> statement-breakpoint
CREATE INDEX `order_routes_order_idx` ON `order_routes` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_routes_day_idx` ON `order_routes` (`warehouse_id`,`ship_day`) WHERE released_at IS NULL;--> statement-breakpoint
CREATE TABLE `safety_stock` (
	`sku_code` text PRIMARY KEY NOT NULL,
	`qty` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stock_reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`order_line_id` text NOT NULL,
	`sku_code` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`qty` integer NOT NULL,
	`made_by_kind` text NOT NULL,
	`made_by_id` text,
	`made_by_name` text,
	`rule_version` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`released_at` integer,
	`release_reason` text,
	`released_by_name` text
);
--> statement-breakpoint
CREATE INDEX `stock_reservations_order_idx` ON `stock_reservations` (`order_id`);--> statement-breakpoint
CREATE INDEX `stock_reservations_line_idx` ON `stock_reservations` (`order_line_id`);--> statement-breakpoint
CREATE INDEX `stock_reservations_open_idx` ON `stock_reservations` (`sku_code`,`warehouse_id`) WHERE released_at IS NULL;--> statement-breakpoint
CREATE INDEX `stock_reservations_expiry_idx` ON `stock_reservations` (`expires_at`) WHERE released_at IS NULL AND expires_at IS NOT NULL;--> statement-breakpoint
CREATE TABLE `stock_waits` (
	`order_id` text PRIMARY KEY NOT NULL,
	`paid_at` integer NOT NULL,
	`missing_json` text NOT NULL,
	`since` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stock_waits_paid_idx` ON `stock_waits` (`paid_at`,`order_id`);--> statement-breakpoint
CREATE TABLE `warehouse_capacity` (
	`warehouse_id` text PRIMARY KEY NOT NULL,
	`daily_orders` integer,
	`cutoff_minute` integer DEFAULT 960 NOT NULL,
	`priority` integer DEFAULT 100 NOT NULL,
	`updated_at` integer NOT NULL
);
