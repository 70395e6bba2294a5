-- The order timeline, stored by order: a timeline is only ever read by its order, and events are
-- never changed or deleted. The rowid table kept three b-trees per event (the rows, a unique index
-- on the text id, an index on the order): 2,075 bytes per demo order, and three inserts per event.
-- Keyed by (order_id, id) WITHOUT ROWID it is one b-tree (1,420 bytes per order measured on the
-- 1 M demo's events), and a timeline is one range of it. Rows go in in key order so pages fill.
CREATE TABLE `__new_order_events` (
	`id` text NOT NULL,
	`order_id` text NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`actor_id` text,
	`actor_name` text,
	`from_status` text,
	`to_status` text,
	`detail_json` text,
	PRIMARY KEY(`order_id`, `id`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_order_events`("id", "order_id", "at", "type", "actor_id", "actor_name", "from_status", "to_status", "detail_json")
  SELECT "id", "order_id", "at", "type", "actor_id", "actor_name", "from_status", "to_status", "detail_json" FROM `order_events` ORDER BY "order_id", "id";--> statement-breakpoint
DROP TABLE `order_events`;--> statement-breakpoint
ALTER TABLE `__new_order_events` RENAME TO `order_events`;
