CREATE TABLE `views` (
	`id` text PRIMARY KEY NOT NULL,
	`grid` text NOT NULL,
	`name` text NOT NULL,
	`owner_id` text NOT NULL,
	`shared` integer DEFAULT false NOT NULL,
	`state_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `views_owner_idx` ON `views` (`grid`,`owner_id`);--> statement-breakpoint
CREATE INDEX `views_shared_idx` ON `views` (`grid`,`shared`);--> statement-breakpoint
CREATE INDEX `orders_paid_fen_idx` ON `orders` (`paid_fen`,`id`);--> statement-breakpoint
CREATE INDEX `orders_promised_idx` ON `orders` (`promised_ship_at`,`id`);