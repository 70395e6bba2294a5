-- Quick search by the end of an order number (issue 15, item 4): a contentless FTS5 trigram index
-- of platform order numbers, each followed by one U+0001 character, so "ends with 8843" is the
-- phrase "8843" + U+0001 (rowid = orders.rowid). Kept by the write path (src-main/db/order-derived.ts),
-- which indexes and unindexes exactly this text (a contentless delete must repeat it).
CREATE VIRTUAL TABLE order_no_search USING fts5(order_no, content='', columnsize=0, tokenize='trigram')
--> statement-breakpoint
INSERT INTO order_no_search (rowid, order_no) SELECT o.rowid, o.platform_order_id || char(1) FROM orders o
