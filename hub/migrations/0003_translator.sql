CREATE TABLE `conversation_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`speaker` text NOT NULL,
	`source` text NOT NULL,
	`language` text NOT NULL,
	`text` text NOT NULL,
	`translated_language` text NOT NULL,
	`translated_text` text,
	`translation_engine` text,
	`phrase_id` text,
	`audio_ms` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_lines_order` ON `conversation_lines` (`conversation_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text,
	`guest_language` text NOT NULL,
	`staff_language` text NOT NULL,
	`started_by` text NOT NULL,
	`created_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conversations_visit` ON `conversations` (`visit_id`);--> statement-breakpoint
CREATE TABLE `translation_cache` (
	`engine` text NOT NULL,
	`source_language` text NOT NULL,
	`target_language` text NOT NULL,
	`source_text` text NOT NULL,
	`translated_text` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`engine`, `source_language`, `target_language`, `source_text`)
);
--> statement-breakpoint
CREATE INDEX `translation_cache_last_used` ON `translation_cache` (`last_used_at`);--> statement-breakpoint
CREATE TABLE `translator_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
