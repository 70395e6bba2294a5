CREATE TABLE `erp_stock_applied` (
	`change_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `erp_stock_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`at` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`n` integer NOT NULL,
	`counts_json` text NOT NULL,
	`counts_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `erp_stock_changes_at_idx` ON `erp_stock_changes` (`connection_id`,`at`,`seq`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_erp_stock_latest` (
	`connection_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`sku_code` text NOT NULL,
	`on_hand` integer NOT NULL,
	`at` integer NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`sku_code`, `warehouse_id`, `connection_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_erp_stock_latest`("connection_id", "warehouse_id", "sku_code", "on_hand", "at", "seq") SELECT "connection_id", "warehouse_id", "sku_code", "on_hand", "at", 0 FROM `erp_stock_latest`;--> statement-breakpoint
DROP TABLE `erp_stock_latest`;--> statement-breakpoint
ALTER TABLE `__new_erp_stock_latest` RENAME TO `erp_stock_latest`;--> statement-breakpoint
PRAGMA foreign_keys=ON;