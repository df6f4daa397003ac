CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`target_kind` text NOT NULL,
	`target` text NOT NULL,
	`order_id` text,
	`order_number` integer,
	`visit_id` text,
	`document` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`printer_id` text,
	`copy_of` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`next_attempt_at` text,
	`printed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `print_jobs_seq` ON `print_jobs` (`seq`);--> statement-breakpoint
CREATE INDEX `print_jobs_queue` ON `print_jobs` (`status`,`target_kind`,`target`,`seq`);--> statement-breakpoint
CREATE INDEX `print_jobs_order` ON `print_jobs` (`order_id`);--> statement-breakpoint
CREATE INDEX `print_jobs_created` ON `print_jobs` (`created_at`);--> statement-breakpoint
CREATE TABLE `printers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`host` text NOT NULL,
	`port` integer DEFAULT 9100 NOT NULL,
	`paper_width` integer DEFAULT 80 NOT NULL,
	`stations` text NOT NULL,
	`receipts` integer DEFAULT false NOT NULL,
	`backup_for` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `printers_address` ON `printers` (`host`,`port`);--> statement-breakpoint
CREATE TABLE `station_printing` (
	`station_id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
