-- Every count the stock readers see: spreadsheet, stocktake and shipment counts (stock_snapshots,
-- and the ERP counts older pulls wrote there) beside the ERP's current counts (erp_stock_latest).
-- Readers take the newest per SKU × warehouse as before.
CREATE VIEW `stock_counts` AS
  SELECT `sku_code`, `warehouse_id`, `on_hand`, `at`, `source` FROM `stock_snapshots`
  UNION ALL
  SELECT `sku_code`, `warehouse_id`, `on_hand`, `at`, 'erp:' || `connection_id` FROM `erp_stock_latest`;
--> statement-breakpoint
-- The ERP's last word per SKU × warehouse from counts older pulls wrote as history rows, on every PC
-- (before, only the PC that pulled kept it): the next pull compares against it and writes only changes.
INSERT OR IGNORE INTO `erp_stock_latest` (`connection_id`, `warehouse_id`, `sku_code`, `on_hand`, `at`, `seq`)
  SELECT substr(s.`source`, 5), s.`warehouse_id`, s.`sku_code`, s.`on_hand`, s.`at`, 0 FROM `stock_snapshots` s
  WHERE s.`source` LIKE 'erp:%' AND s.`at` = (SELECT max(x.`at`) FROM `stock_snapshots` x
    WHERE x.`sku_code` = s.`sku_code` AND x.`warehouse_id` = s.`warehouse_id` AND x.`source` = s.`source`);
