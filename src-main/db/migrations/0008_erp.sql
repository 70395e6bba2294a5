CREATE TABLE `erp_connection_local` (
	`connection_id` text PRIMARY KEY NOT NULL,
	`dsn` text,
	`connection_string` text,
	`user` text,
	`password_sealed` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `erp_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`preset` text NOT NULL,
	`read_only` integer DEFAULT false NOT NULL,
	`schedule_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `erp_health` (
	`connection_id` text NOT NULL,
	`lane` text NOT NULL,
	`last_success_at` integer,
	`last_attempt_at` integer,
	`failing_since` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_error_code` text,
	`last_error_params` text,
	`backlog` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_counts_json` text,
	PRIMARY KEY(`connection_id`, `lane`)
);
--> statement-breakpoint
CREATE TABLE `erp_items` (
	`connection_id` text NOT NULL,
	`code` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`connection_id`, `code`)
);
--> statement-breakpoint
CREATE TABLE `erp_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`lane` text NOT NULL,
	`state` text NOT NULL,
	`trigger` text NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`total` integer,
	`progress` real DEFAULT 0 NOT NULL,
	`counts_json` text DEFAULT '{}' NOT NULL,
	`error_code` text,
	`error_params` text,
	`started_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `erp_jobs_conn_idx` ON `erp_jobs` (`connection_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `erp_locks` (
	`connection_id` text NOT NULL,
	`lock_key` text NOT NULL,
	`order_id` text NOT NULL,
	`sku_code` text NOT NULL,
	`warehouse_code` text NOT NULL,
	`qty` integer NOT NULL,
	`status` text NOT NULL,
	`pushed_at` integer NOT NULL,
	PRIMARY KEY(`connection_id`, `lock_key`)
);
--> statement-breakpoint
CREATE TABLE `erp_mappings` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`kind` text NOT NULL,
	`mapping_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `erp_mappings_kind_idx` ON `erp_mappings` (`connection_id`,`kind`);--> statement-breakpoint
CREATE TABLE `erp_pushes` (
	`connection_id` text NOT NULL,
	`order_id` text NOT NULL,
	`ext_order_no` text NOT NULL,
	`order_version` integer NOT NULL,
	`payload_hash` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`pushed_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`connection_id`, `order_id`)
);
--> statement-breakpoint
CREATE INDEX `erp_pushes_state_idx` ON `erp_pushes` (`connection_id`,`state`);--> statement-breakpoint
CREATE TABLE `erp_rejects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` text NOT NULL,
	`job_id` text,
	`lane` text NOT NULL,
	`row_key` text,
	`field` text,
	`value` text,
	`reason_code` text NOT NULL,
	`reason_params` text DEFAULT '{}' NOT NULL,
	`raw_json` text NOT NULL,
	`at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `erp_rejects_open_idx` ON `erp_rejects` (`connection_id`,`resolved_at`,`at`);--> statement-breakpoint
CREATE INDEX `erp_rejects_key_idx` ON `erp_rejects` (`connection_id`,`lane`,`row_key`);--> statement-breakpoint
CREATE TABLE `erp_stock_latest` (
	`connection_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`sku_code` text NOT NULL,
	`on_hand` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`connection_id`, `warehouse_id`, `sku_code`)
);
