CREATE TABLE `channel_auth` (
	`channel_id` text PRIMARY KEY NOT NULL,
	`method` text NOT NULL,
	`renewal` text NOT NULL,
	`authorized_at` integer NOT NULL,
	`renewed_at` integer,
	`access_expires_at` integer,
	`refresh_expires_at` integer,
	`next_renewal_at` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`problem_code` text,
	`problem_params_json` text,
	`problem_at` integer,
	`facts_json` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `channel_auth_due_idx` ON `channel_auth` (`next_renewal_at`);--> statement-breakpoint
CREATE TABLE `status_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`platform_status` text NOT NULL,
	`standard` text NOT NULL,
	`zh` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
