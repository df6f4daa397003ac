CREATE TABLE `menu_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`data` blob NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `menu_categories` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `menu_items` ADD `tax_rate_bp` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `menu_items` ADD `photo_id` text;--> statement-breakpoint
ALTER TABLE `menu_items` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `order_items` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `order_items` ADD `guest_message` text;--> statement-breakpoint
ALTER TABLE `order_items` ADD `comped` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `guest_message` text;--> statement-breakpoint
ALTER TABLE `conversation_lines` ADD `partial` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `conversation_lines` ADD `untranslated_words` text DEFAULT '[]' NOT NULL;