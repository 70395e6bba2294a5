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
