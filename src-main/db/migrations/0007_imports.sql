CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`kind` text,
	`template_id` text,
	`template_name` text,
	`channel_id` text,
	`all_or_nothing` integer DEFAULT false NOT NULL,
	`source_id` text,
	`headers_json` text,
	`rows_total` integer DEFAULT 0 NOT NULL,
	`rows_imported` integer DEFAULT 0 NOT NULL,
	`rows_updated` integer DEFAULT 0 NOT NULL,
	`rows_unchanged` integer DEFAULT 0 NOT NULL,
	`rows_rejected` integer DEFAULT 0 NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`message_zh` text,
	`message_en` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`created_by` text,
	`created_by_name` text
);
--> statement-breakpoint
CREATE INDEX `import_jobs_created_idx` ON `import_jobs` (`created_at`);--> statement-breakpoint
CREATE INDEX `import_jobs_source_idx` ON `import_jobs` (`source_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `import_order_items` (
	`channel_id` text NOT NULL,
	`platform_order_id` text NOT NULL,
	`lines_json` text NOT NULL,
	`job_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`channel_id`, `platform_order_id`)
);
--> statement-breakpoint
CREATE TABLE `import_rejects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` text NOT NULL,
	`row_no` integer NOT NULL,
	`field` text,
	`value` text,
	`reason_zh` text NOT NULL,
	`reason_en` text NOT NULL,
	`cells_json` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_rejects_job_idx` ON `import_rejects` (`job_id`,`row_no`);--> statement-breakpoint
CREATE TABLE `import_source_files` (
	`source_id` text NOT NULL,
	`sha256` text NOT NULL,
	`path` text NOT NULL,
	`job_id` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`source_id`, `sha256`)
);
--> statement-breakpoint
CREATE TABLE `import_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`folder` text NOT NULL,
	`schedule` text NOT NULL,
	`template_id` text,
	`channel_id` text,
	`enabled` integer DEFAULT true NOT NULL,
	`last_run_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `import_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`channel_kind` text,
	`headers_json` text NOT NULL,
	`mapping_json` text NOT NULL,
	`defaults_json` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stock_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`sku_code` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`on_hand` integer NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_snapshots_key_idx` ON `stock_snapshots` (`sku_code`,`warehouse_id`,`at`);--> statement-breakpoint
CREATE INDEX `stock_snapshots_wh_idx` ON `stock_snapshots` (`warehouse_id`,`sku_code`,`at`);