-- erp_stock_latest names its connection and warehouse by small local numbers (erp_stock_keys)
-- instead of two 36-character ids: a count's row shrinks from ~109 to ~26 bytes, and a 100 k first
-- snapshot's insert and commits with it. The views that read it are rebuilt to speak ids as before.
DROP VIEW `stock_latest`;--> statement-breakpoint
DROP VIEW `stock_counts`;--> statement-breakpoint
CREATE TABLE `erp_stock_keys` (
	`n` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `erp_stock_keys_id_unique` ON `erp_stock_keys` (`id`);--> statement-breakpoint
INSERT INTO `erp_stock_keys` (`id`) SELECT `connection_id` FROM `erp_stock_latest` UNION SELECT `warehouse_id` FROM `erp_stock_latest`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_erp_stock_latest` (
	`connection_n` integer NOT NULL,
	`warehouse_n` integer NOT NULL,
	`sku_code` text NOT NULL,
	`on_hand` integer NOT NULL,
	`at` integer NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`sku_code`, `warehouse_n`, `connection_n`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_erp_stock_latest`("connection_n", "warehouse_n", "sku_code", "on_hand", "at", "seq")
  SELECT c.`n`, w.`n`, l.`sku_code`, l.`on_hand`, l.`at`, l.`seq` FROM `erp_stock_latest` l
  JOIN `erp_stock_keys` c ON c.`id` = l.`connection_id` JOIN `erp_stock_keys` w ON w.`id` = l.`warehouse_id`;--> statement-breakpoint
DROP TABLE `erp_stock_latest`;--> statement-breakpoint
ALTER TABLE `__new_erp_stock_latest` RENAME TO `erp_stock_latest`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
-- As in 0023, with the ERP's counts read through their keys' ids.
CREATE VIEW `stock_counts` AS
  SELECT `sku_code`, `warehouse_id`, `on_hand`, `at`, `source` FROM `stock_snapshots`
  UNION ALL
  SELECT l.`sku_code`, w.`id`, l.`on_hand`, l.`at`, 'erp:' || c.`id` FROM `erp_stock_latest` l
  JOIN `erp_stock_keys` w ON w.`n` = l.`warehouse_n` JOIN `erp_stock_keys` c ON c.`n` = l.`connection_n`
  WHERE NOT EXISTS (SELECT 1 FROM `stock_snapshots` s WHERE s.`sku_code` = l.`sku_code` AND s.`warehouse_id` = w.`id`
    AND s.`at` = l.`at` AND s.`source` = 'erp:' || c.`id`);
--> statement-breakpoint
CREATE VIEW `stock_latest` AS
  SELECT `sku_code`, `warehouse_id`, `on_hand`, max(`at`) AS `at`, `source` FROM `stock_counts` GROUP BY `sku_code`, `warehouse_id`;
