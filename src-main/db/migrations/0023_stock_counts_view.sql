-- Every count the stock readers see: spreadsheet, stocktake and shipment counts (stock_snapshots,
-- and the ERP counts older pulls wrote there) beside the ERP's current counts (erp_stock_latest).
-- Readers take the newest per SKU × warehouse as before. An ERP count an older pull also wrote as a
-- history row (same key, time and source) is listed once.
CREATE VIEW `stock_counts` AS
  SELECT `sku_code`, `warehouse_id`, `on_hand`, `at`, `source` FROM `stock_snapshots`
  UNION ALL
  SELECT l.`sku_code`, l.`warehouse_id`, l.`on_hand`, l.`at`, 'erp:' || l.`connection_id` FROM `erp_stock_latest` l
  WHERE NOT EXISTS (SELECT 1 FROM `stock_snapshots` s WHERE s.`sku_code` = l.`sku_code` AND s.`warehouse_id` = l.`warehouse_id`
    AND s.`at` = l.`at` AND s.`source` = 'erp:' || l.`connection_id`);
--> statement-breakpoint
-- The ERP's last word per SKU × warehouse from counts older pulls wrote as history rows, on every PC
-- (before, only the PC that pulled kept it): the next pull compares against it and writes only changes.
INSERT OR IGNORE INTO `erp_stock_latest` (`connection_id`, `warehouse_id`, `sku_code`, `on_hand`, `at`, `seq`)
  SELECT substr(s.`source`, 5), s.`warehouse_id`, s.`sku_code`, s.`on_hand`, s.`at`, 0 FROM `stock_snapshots` s
  WHERE s.`source` LIKE 'erp:%' AND s.`at` = (SELECT max(x.`at`) FROM `stock_snapshots` x
    WHERE x.`sku_code` = s.`sku_code` AND x.`warehouse_id` = s.`warehouse_id` AND x.`source` = s.`source`);
--> statement-breakpoint
-- The newest count per SKU × warehouse (SQLite takes on_hand and source from the row holding max(at)).
-- Whole-list readers (the stock grid, 对账, routing's replay) read this once instead of a correlated
-- max(at) per row: a correlated term is not pushed into the UNION ALL above, so that form would scan.
CREATE VIEW `stock_latest` AS
  SELECT `sku_code`, `warehouse_id`, `on_hand`, max(`at`) AS `at`, `source` FROM `stock_counts` GROUP BY `sku_code`, `warehouse_id`;
