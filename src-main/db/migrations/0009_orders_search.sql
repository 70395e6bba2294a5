-- "Contains" search for the orders grid (issue 9): FTS5 with the trigram tokenizer, which needs
-- no word breaks (Chinese has none). Contentless (the text stays in orders / order_lines) and
-- without column sizes (no ranking is done), so the index is all it costs. Keyed by the rowid of
-- orders / order_lines; kept in step by the triggers below, whoever writes.
-- Every value ends in two U+0001 characters: then every place a one- or two-character query
-- occurs starts some trigram, so short queries are answered from the same index through its
-- vocabulary (see src-main/orders/search/). Trigrams that reach into the padding never match
-- user text (queries never contain U+0001).
-- Never INSERT OR REPLACE into orders or order_lines: REPLACE deletes without firing these triggers.
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
CREATE TRIGGER order_search_insert AFTER INSERT ON orders BEGIN
  INSERT INTO order_search (rowid, receiver, address, buyer_remark, seller_note) VALUES (new.rowid, new.receiver_name || char(1, 1), coalesce(new.province, '') || coalesce(new.city, '') || coalesce(new.district, '') || coalesce(new.address_detail, '') || char(1, 1), new.buyer_remark || char(1, 1), new.seller_note || char(1, 1));
END
--> statement-breakpoint
CREATE TRIGGER order_search_update AFTER UPDATE OF receiver_name, province, city, district, address_detail, buyer_remark, seller_note ON orders
WHEN new.receiver_name IS NOT old.receiver_name OR new.province IS NOT old.province OR new.city IS NOT old.city OR new.district IS NOT old.district OR new.address_detail IS NOT old.address_detail OR new.buyer_remark IS NOT old.buyer_remark OR new.seller_note IS NOT old.seller_note
BEGIN
  INSERT INTO order_search (order_search, rowid, receiver, address, buyer_remark, seller_note) VALUES ('delete', old.rowid, old.receiver_name || char(1, 1), coalesce(old.province, '') || coalesce(old.city, '') || coalesce(old.district, '') || coalesce(old.address_detail, '') || char(1, 1), old.buyer_remark || char(1, 1), old.seller_note || char(1, 1));
  INSERT INTO order_search (rowid, receiver, address, buyer_remark, seller_note) VALUES (new.rowid, new.receiver_name || char(1, 1), coalesce(new.province, '') || coalesce(new.city, '') || coalesce(new.district, '') || coalesce(new.address_detail, '') || char(1, 1), new.buyer_remark || char(1, 1), new.seller_note || char(1, 1));
END
--> statement-breakpoint
CREATE TRIGGER order_search_delete AFTER DELETE ON orders BEGIN
  INSERT INTO order_search (order_search, rowid, receiver, address, buyer_remark, seller_note) VALUES ('delete', old.rowid, old.receiver_name || char(1, 1), coalesce(old.province, '') || coalesce(old.city, '') || coalesce(old.district, '') || coalesce(old.address_detail, '') || char(1, 1), old.buyer_remark || char(1, 1), old.seller_note || char(1, 1));
END
--> statement-breakpoint
CREATE TRIGGER line_search_insert AFTER INSERT ON order_lines BEGIN
  INSERT INTO line_search (rowid, title) VALUES (new.rowid, new.title || char(1, 1));
END
--> statement-breakpoint
CREATE TRIGGER line_search_update AFTER UPDATE OF title ON order_lines WHEN new.title IS NOT old.title BEGIN
  INSERT INTO line_search (line_search, rowid, title) VALUES ('delete', old.rowid, old.title || char(1, 1));
  INSERT INTO line_search (rowid, title) VALUES (new.rowid, new.title || char(1, 1));
END
--> statement-breakpoint
CREATE TRIGGER line_search_delete AFTER DELETE ON order_lines BEGIN
  INSERT INTO line_search (line_search, rowid, title) VALUES ('delete', old.rowid, old.title || char(1, 1));
END
--> statement-breakpoint
-- The grid's change feed (issue 9, item 6): which orders changed, and for an update or a delete
-- the grid-visible values they had before, so a cached count, keyset anchor or position list is
-- adjusted or dropped only when this order could move it. Bounded: the newest 20,000 entries.
-- It replaces the orders_rev counter (its sequence is the revision).
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
  phone_last4
)
--> statement-breakpoint
CREATE TRIGGER order_changes_bound AFTER INSERT ON order_changes BEGIN
  DELETE FROM order_changes WHERE seq <= new.seq - 20000;
END
--> statement-breakpoint
CREATE TRIGGER order_changes_insert AFTER INSERT ON orders BEGIN
  INSERT INTO order_changes (order_rowid, op, text_changed) VALUES (new.rowid, 'insert', 1);
END
--> statement-breakpoint
CREATE TRIGGER order_changes_update AFTER UPDATE ON orders
WHEN new.channel_id IS NOT old.channel_id OR new.platform_order_id IS NOT old.platform_order_id OR new.status IS NOT old.status OR new.buyer_nick IS NOT old.buyer_nick OR new.receiver_name IS NOT old.receiver_name OR new.province IS NOT old.province OR new.city IS NOT old.city OR new.paid_fen IS NOT old.paid_fen OR new.goods_fen IS NOT old.goods_fen OR new.created_at IS NOT old.created_at OR new.paid_at IS NOT old.paid_at OR new.promised_ship_at IS NOT old.promised_ship_at OR new.warehouse_id IS NOT old.warehouse_id OR new.urgency IS NOT old.urgency OR new.tags IS NOT old.tags OR new.tracking_no IS NOT old.tracking_no OR new.hold IS NOT old.hold OR new.buyer_remark IS NOT old.buyer_remark OR new.phone_last4 IS NOT old.phone_last4 OR new.district IS NOT old.district OR new.address_detail IS NOT old.address_detail OR new.seller_note IS NOT old.seller_note
BEGIN
  INSERT INTO order_changes (order_rowid, op, text_changed, id, channel_id, platform_order_id, status, buyer_nick, receiver_name, province, city, paid_fen, goods_fen, created_at, paid_at, promised_ship_at, warehouse_id, urgency, tags, tracking_no, hold, buyer_remark, phone_last4)
  VALUES (new.rowid, 'update', new.receiver_name IS NOT old.receiver_name OR new.province IS NOT old.province OR new.city IS NOT old.city OR new.district IS NOT old.district OR new.address_detail IS NOT old.address_detail OR new.buyer_remark IS NOT old.buyer_remark OR new.seller_note IS NOT old.seller_note, old.id, old.channel_id, old.platform_order_id, old.status, old.buyer_nick, old.receiver_name, old.province, old.city, old.paid_fen, old.goods_fen, old.created_at, old.paid_at, old.promised_ship_at, old.warehouse_id, old.urgency, old.tags, old.tracking_no, old.hold, old.buyer_remark, old.phone_last4);
END
--> statement-breakpoint
CREATE TRIGGER order_changes_delete AFTER DELETE ON orders BEGIN
  INSERT INTO order_changes (order_rowid, op, text_changed, id, channel_id, platform_order_id, status, buyer_nick, receiver_name, province, city, paid_fen, goods_fen, created_at, paid_at, promised_ship_at, warehouse_id, urgency, tags, tracking_no, hold, buyer_remark, phone_last4) VALUES (old.rowid, 'delete', 1, old.id, old.channel_id, old.platform_order_id, old.status, old.buyer_nick, old.receiver_name, old.province, old.city, old.paid_fen, old.goods_fen, old.created_at, old.paid_at, old.promised_ship_at, old.warehouse_id, old.urgency, old.tags, old.tracking_no, old.hold, old.buyer_remark, old.phone_last4);
END
--> statement-breakpoint
CREATE TRIGGER order_changes_line_insert AFTER INSERT ON order_lines BEGIN
  INSERT INTO order_changes (order_rowid, op, text_changed) SELECT o.rowid, 'text', 1 FROM orders o WHERE o.id = new.order_id;
END
--> statement-breakpoint
CREATE TRIGGER order_changes_line_delete AFTER DELETE ON order_lines BEGIN
  INSERT INTO order_changes (order_rowid, op, text_changed) SELECT o.rowid, 'text', 1 FROM orders o WHERE o.id = old.order_id;
END
--> statement-breakpoint
CREATE TRIGGER order_changes_line_update AFTER UPDATE OF title, order_id ON order_lines
WHEN new.title IS NOT old.title OR new.order_id IS NOT old.order_id
BEGIN
  INSERT INTO order_changes (order_rowid, op, text_changed) SELECT o.rowid, 'text', 1 FROM orders o WHERE o.id IN (old.order_id, new.order_id);
END
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
