-- The order timeline and the order's address history, stored by order. Both are only ever
-- inserted and only read by their order. As rowid tables each kept three b-trees (the rows, a
-- unique index on the text id, an index on the order): the timeline alone 2,075 bytes per demo
-- order, with three inserts per event. Keyed by (order_id, id) WITHOUT ROWID each is one b-tree
-- (the timeline 1,420 bytes per order measured on the 1 M demo's events) and an order's rows are
-- one range of it. Rows go in in key order so pages fill.
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
ALTER TABLE `__new_order_events` RENAME TO `order_events`;--> statement-breakpoint
CREATE TABLE `__new_order_addresses` (
	`id` text NOT NULL,
	`order_id` text NOT NULL,
	`receiver_name` text,
	`receiver_phone` text,
	`province` text,
	`city` text,
	`district` text,
	`detail` text,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`order_id`, `id`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_order_addresses`("id", "order_id", "receiver_name", "receiver_phone", "province", "city", "district", "detail", "source", "created_at")
  SELECT "id", "order_id", "receiver_name", "receiver_phone", "province", "city", "district", "detail", "source", "created_at" FROM `order_addresses` ORDER BY "order_id", "id";--> statement-breakpoint
DROP TABLE `order_addresses`;--> statement-breakpoint
ALTER TABLE `__new_order_addresses` RENAME TO `order_addresses`;
