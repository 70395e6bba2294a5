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
--> statement-breakpoint
CREATE TABLE `detector_settings` (
	`detector` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`severity` text,
	`owner_role` text,
	`owner_user_id` text,
	`confirmations_json` text,
	`target_minutes` integer,
	`thresholds_json` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `exception_counts` (
	`state` text NOT NULL,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`opened_hour` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`state`, `type`, `severity`, `opened_hour`)
);
--> statement-breakpoint
CREATE TABLE `exception_events` (
	`id` text PRIMARY KEY NOT NULL,
	`exception_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`actor_name` text,
	`code` text,
	`params_json` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `exception_events_exception_idx` ON `exception_events` (`exception_id`,`at`);--> statement-breakpoint
CREATE TABLE `exception_owner_counts` (
	`state` text NOT NULL,
	`owner_key` text NOT NULL,
	`severity` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`state`, `owner_key`, `severity`)
);
--> statement-breakpoint
CREATE TABLE `exceptions` (
	`id` text PRIMARY KEY NOT NULL,
	`detector` text NOT NULL,
	`type` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`order_id` text,
	`channel_id` text,
	`severity` text NOT NULL,
	`cause_code` text NOT NULL,
	`cause_params_json` text DEFAULT '{}' NOT NULL,
	`owner_role` text,
	`owner_user_id` text,
	`owner_name` text,
	`state` text NOT NULL,
	`opened_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`snoozed_until` integer,
	`confirmations_json` text DEFAULT '[]' NOT NULL,
	`confirmed_json` text DEFAULT '[]' NOT NULL,
	`closed_at` integer,
	`close_kind` text,
	`close_code` text,
	`close_params_json` text,
	`closed_by_id` text,
	`closed_by_name` text,
	`silenced` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exceptions_open_idx` ON `exceptions` (`detector`,`subject_kind`,`subject_id`) WHERE state <> 'closed';--> statement-breakpoint
CREATE INDEX `exceptions_order_idx` ON `exceptions` (`order_id`) WHERE order_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `exceptions_state_type_idx` ON `exceptions` (`state`,`type`,`due_at`);--> statement-breakpoint
CREATE INDEX `exceptions_owner_idx` ON `exceptions` (`owner_user_id`,`state`) WHERE owner_user_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `exceptions_opened_idx` ON `exceptions` (`opened_at`,`closed_at`,`type`,`channel_id`,`owner_user_id`);--> statement-breakpoint
CREATE INDEX `exceptions_closed_idx` ON `exceptions` (`closed_at`) WHERE closed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `exceptions_silenced_idx` ON `exceptions` (`subject_id`,`detector`) WHERE silenced = 1;--> statement-breakpoint
CREATE INDEX `exceptions_snoozed_idx` ON `exceptions` (`snoozed_until`) WHERE state = 'snoozed';--> statement-breakpoint
CREATE TABLE `purchase_marks` (
	`id` text PRIMARY KEY NOT NULL,
	`sku_code` text NOT NULL,
	`qty` integer,
	`expected_at` integer NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`created_by_name` text,
	`cleared_at` integer
);
--> statement-breakpoint
CREATE INDEX `purchase_marks_sku_idx` ON `purchase_marks` (`sku_code`,`cleared_at`);--> statement-breakpoint
CREATE TABLE `shipment_events` (
	`id` text PRIMARY KEY NOT NULL,
	`shipment_id` text NOT NULL,
	`at` integer NOT NULL,
	`context` text NOT NULL,
	`area` text,
	`status` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shipment_events_at_idx` ON `shipment_events` (`shipment_id`,`at`,`context`);--> statement-breakpoint
CREATE TABLE `shipment_polls` (
	`shipment_id` text PRIMARY KEY NOT NULL,
	`next_poll_at` integer NOT NULL,
	`last_polled_at` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `shipment_polls_next_idx` ON `shipment_polls` (`next_poll_at`);--> statement-breakpoint
CREATE TABLE `shipments` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`carrier` text,
	`carrier_code` text,
	`tracking_no` text NOT NULL,
	`state` text DEFAULT 'created' NOT NULL,
	`carrier_state` text,
	`created_at` integer NOT NULL,
	`picked_up_at` integer,
	`delivered_at` integer,
	`state_at` integer,
	`last_event_at` integer,
	`last_event_text` text,
	`last_event_area` text,
	`active` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shipments_order_tracking_idx` ON `shipments` (`order_id`,`tracking_no`);--> statement-breakpoint
CREATE INDEX `shipments_active_idx` ON `shipments` (`active`,`created_at`) WHERE active = 1;--> statement-breakpoint
CREATE TABLE `alert_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`state` text NOT NULL,
	`body` text NOT NULL,
	`alert_count` integer NOT NULL,
	`created_at` integer NOT NULL,
	`attempt_at` integer NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`resent` integer DEFAULT false NOT NULL,
	`next_attempt_at` integer,
	`sent_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `alert_deliveries_target_idx` ON `alert_deliveries` (`target`,`attempt_at`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_state_idx` ON `alert_deliveries` (`state`,`next_attempt_at`) WHERE state IN ('sending', 'retry');--> statement-breakpoint
CREATE TABLE `alert_policies` (
	`detector` text PRIMARY KEY NOT NULL,
	`robot_ids_json` text DEFAULT '[]' NOT NULL,
	`desktop` integer DEFAULT true NOT NULL,
	`min_severity` text DEFAULT 'warning' NOT NULL,
	`quiet_from` integer DEFAULT 0 NOT NULL,
	`quiet_to` integer DEFAULT 0 NOT NULL,
	`mention_json` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alert_queue` (
	`id` text PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`kind` text NOT NULL,
	`exception_id` text,
	`severity` text NOT NULL,
	`payload_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`not_before` integer NOT NULL,
	`delivery_id` text
);
--> statement-breakpoint
CREATE INDEX `alert_queue_pending_idx` ON `alert_queue` (`target`,`not_before`) WHERE delivery_id IS NULL;--> statement-breakpoint
CREATE TABLE `alert_robots` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`per_minute` integer DEFAULT 20 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alert_sends` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_sends_target_idx` ON `alert_sends` (`target`,`at`);--> statement-breakpoint
CREATE TABLE `desktop_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`exception_id` text,
	`created_at` integer NOT NULL,
	`shown_at` integer
);
--> statement-breakpoint
CREATE INDEX `desktop_notices_user_idx` ON `desktop_notices` (`user_id`,`shown_at`);--> statement-breakpoint
CREATE TABLE `sealed_secrets` (
	`owner_kind` text NOT NULL,
	`owner_id` text NOT NULL,
	`sealed` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`owner_kind`, `owner_id`)
);
--> statement-breakpoint
ALTER TABLE `skus` ADD `gift_group` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `source_order_id` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `split_from_line_id` text;--> statement-breakpoint
CREATE INDEX `order_lines_sku_idx` ON `order_lines` (`sku_code`);--> statement-breakpoint
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