-- A revision counter for the orders grid: any change to orders (or to channels, whose kind the
-- grid filters and sorts by) bumps it, from any writer on any connection. The grid's cached
-- counts and position snapshots are valid only for the revision they were built at.
INSERT OR IGNORE INTO meta (key, value) VALUES ('orders_rev', '0');
--> statement-breakpoint
CREATE TRIGGER orders_rev_insert AFTER INSERT ON orders
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'orders_rev'; END;
--> statement-breakpoint
CREATE TRIGGER orders_rev_update AFTER UPDATE ON orders
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'orders_rev'; END;
--> statement-breakpoint
CREATE TRIGGER orders_rev_delete AFTER DELETE ON orders
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'orders_rev'; END;
--> statement-breakpoint
CREATE TRIGGER orders_rev_channels_update AFTER UPDATE OF kind ON channels
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'orders_rev'; END;
