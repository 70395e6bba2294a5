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
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`platform_order_id` text NOT NULL,
	`status` text NOT NULL,
	`platform_status` text NOT NULL,
	`platform_phase` text,
	`machine_version` integer DEFAULT 1 NOT NULL,
	`status_at` integer,
	`sla_due_at` integer,
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
	`parent_order_id` text,
	`merged_into_id` text,
	`address_changed_at` integer,
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
INSERT INTO `__new_orders`("id", "channel_id", "platform_order_id", "status", "platform_status", "platform_phase", "machine_version", "status_at", "sla_due_at", "refund_status", "goods_fen", "discount_fen", "platform_discount_fen", "postage_fen", "paid_fen", "commission_fen", "refund_fen", "created_at", "paid_at", "platform_updated_at", "promised_ship_at", "shipped_at", "completed_at", "warehouse_id", "urgency", "tags", "hold", "parent_order_id", "merged_into_id", "address_changed_at", "merge_group", "buyer_remark", "seller_note", "customer_id", "buyer_nick", "receiver_name", "receiver_phone", "phone_last4", "province", "city", "district", "address_detail", "carrier", "tracking_no", "version", "ingested_at", "modified_at") SELECT "id", "channel_id", "platform_order_id", "status", "platform_status", "platform_phase", "machine_version", "status_at", "sla_due_at", "refund_status", "goods_fen", "discount_fen", "platform_discount_fen", "postage_fen", "paid_fen", "commission_fen", "refund_fen", "created_at", "paid_at", "platform_updated_at", "promised_ship_at", "shipped_at", "completed_at", "warehouse_id", "urgency", "tags", "hold", "parent_order_id", "merged_into_id", "address_changed_at", "merge_group", "buyer_remark", "seller_note", "customer_id", "buyer_nick", "receiver_name", "receiver_phone", "phone_last4", "province", "city", "district", "address_detail", "carrier", "tracking_no", "version", "ingested_at", "modified_at" FROM `orders`;--> statement-breakpoint
DROP TABLE `orders`;--> statement-breakpoint
ALTER TABLE `__new_orders` RENAME TO `orders`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
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
CREATE INDEX `orders_completed_idx` ON `orders` (`completed_at`);--> statement-breakpoint
CREATE INDEX `orders_paid_fen_idx` ON `orders` (`paid_fen`,`id`);--> statement-breakpoint
CREATE INDEX `orders_promised_idx` ON `orders` (`promised_ship_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_sla_idx` ON `orders` (`sla_due_at`,`id`) WHERE sla_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `orders_tags_idx` ON `orders` (`tags`) WHERE tags <> '[]';