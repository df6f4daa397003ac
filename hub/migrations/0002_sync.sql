CREATE TABLE `sync_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`cloud_url` text NOT NULL,
	`cloud_venue_id` text NOT NULL,
	`hub_token` text NOT NULL,
	`paired_at` text NOT NULL,
	`last_sync_at` text,
	CONSTRAINT "sync_settings_one_row" CHECK("sync_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `sync_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_name` text NOT NULL,
	`update` blob NOT NULL,
	`created_at` text NOT NULL,
	`acked_at` text
);
--> statement-breakpoint
CREATE INDEX `sync_updates_doc` ON `sync_updates` (`doc_name`,`id`);--> statement-breakpoint
CREATE INDEX `sync_updates_pending` ON `sync_updates` (`doc_name`,`id`) WHERE "sync_updates"."acked_at" IS NULL;