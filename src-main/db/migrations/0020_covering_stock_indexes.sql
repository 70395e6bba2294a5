DROP INDEX `order_routes_day_idx`;--> statement-breakpoint
CREATE INDEX `order_routes_day_idx` ON `order_routes` (`warehouse_id`,`ship_day`,`released_at`,`order_id`) WHERE released_at IS NULL;--> statement-breakpoint
DROP INDEX `stock_reservations_open_idx`;--> statement-breakpoint
CREATE INDEX `stock_reservations_open_idx` ON `stock_reservations` (`sku_code`,`warehouse_id`,`released_at`,`qty`) WHERE released_at IS NULL;