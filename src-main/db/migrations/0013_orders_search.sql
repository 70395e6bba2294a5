-- "Contains" search for the orders grid (issue 9): FTS5 with the trigram tokenizer, which needs
-- no word breaks (Chinese has none). Contentless (the text stays in orders / order_lines) and
-- without column sizes (no ranking is done), so the index is all it costs. Keyed by the rowid of
-- orders / order_lines; kept in step by the write path, once per transaction before it commits
-- (src-main/db/order-derived.ts). Not by triggers: any trigger on orders makes every insert
-- keep a statement journal (a copy of each of its ~16 index pages), which costs more than the
-- insert itself, and FTS5 written from a trigger flushes its pending terms per statement.
-- Every value ends in two U+0001 characters: then every place a one- or two-character query
-- occurs starts some trigram, so short queries are answered from the same index through its
-- vocabulary (see src-main/orders/search/). Trigrams that reach into the padding never match
-- user text (queries never contain U+0001).
-- Write orders and order_lines only through the write path (house rule 3), or the index drifts.
--> statement-breakpoint
CREATE VIRTUAL TABLE order_search USING fts5(receiver, address, buyer_remark, seller_note, content='', columnsize=0, tokenize='trigram')
--> statement-breakpoint
CREATE VIRTUAL TABLE line_search USING fts5(title, content='', columnsize=0, tokenize='trigram')
--> statement-breakpoint
CREATE VIRTUAL TABLE order_search_terms USING fts5vocab(order_search, 'row')
--> statement-breakpoint
CREATE VIRTUAL TABLE line_search_terms USING fts5vocab(line_search, 'row')
--> statement-breakpoint
INSERT INTO order_search (rowid, receiver, address, buyer_remark, seller_note) SELECT o.rowid, o.receiver_name || char(1, 1), coalesce(o.province, '') || coalesce(o.city, '') || coalesce(o.district, '') || coalesce(o.address_detail, '') || char(1, 1), o.buyer_remark || char(1, 1), o.seller_note || char(1, 1) FROM orders o
--> statement-breakpoint
INSERT INTO line_search (rowid, title) SELECT l.rowid, l.title || char(1, 1) FROM order_lines l
--> statement-breakpoint
-- The grid's change feed (issue 9, item 6): which orders changed, and for an update or a delete
-- the grid-visible values they had before, so a cached count, keyset anchor or position list is
-- adjusted or dropped only when this order could move it. Written by the write path (see above),
-- bounded to the newest 20,000–21,000 entries. It replaces the orders_rev counter and its
-- triggers (its sequence is the revision).
--> statement-breakpoint
CREATE TABLE order_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  -- NULL: anything may have moved (a shop's platform kind changed)
  order_rowid INTEGER,
  -- insert | update | delete | text (a line's title: only searches can move) | all
  op TEXT NOT NULL,
  -- searchable text changed (receiver, address, remarks, a line title)
  text_changed INTEGER NOT NULL DEFAULT 0,
  id,
  channel_id,
  platform_order_id,
  status,
  buyer_nick,
  receiver_name,
  province,
  city,
  paid_fen,
  goods_fen,
  created_at,
  paid_at,
  promised_ship_at,
  warehouse_id,
  urgency,
  tags,
  tracking_no,
  hold,
  buyer_remark,
  phone_last4,
  district,
  address_detail,
  seller_note
)
--> statement-breakpoint
CREATE TRIGGER order_changes_channel_kind AFTER UPDATE OF kind ON channels WHEN new.kind IS NOT old.kind BEGIN
  INSERT INTO order_changes (order_rowid, op) VALUES (NULL, 'all');
END
--> statement-breakpoint
INSERT INTO order_changes (order_rowid, op) VALUES (NULL, 'all')
--> statement-breakpoint
DROP TRIGGER orders_rev_insert
--> statement-breakpoint
DROP TRIGGER orders_rev_update
--> statement-breakpoint
DROP TRIGGER orders_rev_delete
--> statement-breakpoint
DROP TRIGGER orders_rev_channels_update
--> statement-breakpoint
DELETE FROM meta WHERE key = 'orders_rev'
