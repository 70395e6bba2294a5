-- A reservation (and a route) is released exactly once: once released_at is set it never changes,
-- and the quantity, SKU and warehouse of a reservation never change after it is made.
CREATE TRIGGER stock_reservations_release_once BEFORE UPDATE ON stock_reservations
WHEN OLD.released_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'stock_reservations: already released'); END;
--> statement-breakpoint
CREATE TRIGGER stock_reservations_fixed BEFORE UPDATE OF qty, sku_code, warehouse_id, order_line_id ON stock_reservations
BEGIN SELECT RAISE(ABORT, 'stock_reservations: quantity, SKU, warehouse and line are fixed'); END;
--> statement-breakpoint
CREATE TRIGGER order_routes_release_once BEFORE UPDATE ON order_routes
WHEN OLD.released_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'order_routes: already released'); END;
--> statement-breakpoint
CREATE TRIGGER stock_reservations_positive BEFORE INSERT ON stock_reservations
WHEN NEW.qty <= 0
BEGIN SELECT RAISE(ABORT, 'stock_reservations: quantity must be positive'); END;
