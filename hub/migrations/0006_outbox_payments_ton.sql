CREATE TABLE `outbox_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`vendor` text NOT NULL,
	`kind` text NOT NULL,
	`budget_key` text DEFAULT '' NOT NULL,
	`idempotency_key` text NOT NULL,
	`payload` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`outcome_unknown` integer DEFAULT false NOT NULL,
	`last_error` text,
	`last_status` integer,
	`result` text,
	`cancel_reason` text,
	`acted_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`sent_at` text,
	`done_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_jobs_idempotency` ON `outbox_jobs` (`vendor`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_jobs_due` ON `outbox_jobs` (`next_attempt_at`) WHERE state = 'waiting';--> statement-breakpoint
CREATE TABLE `bill_discounts` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_minor` integer,
	`rate_bp` integer,
	`reason` text NOT NULL,
	`staff_id` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text
);
--> statement-breakpoint
CREATE INDEX `bill_discounts_visit` ON `bill_discounts` (`visit_id`);--> statement-breakpoint
CREATE TABLE `bill_parts` (
	`id` text PRIMARY KEY NOT NULL,
	`split_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`shares` text,
	FOREIGN KEY (`split_id`) REFERENCES `bill_splits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bill_parts_split` ON `bill_parts` (`split_id`,`position`);--> statement-breakpoint
CREATE TABLE `bill_settlements` (
	`visit_id` text PRIMARY KEY NOT NULL,
	`business_day` text NOT NULL,
	`currency` text NOT NULL,
	`bill` text NOT NULL,
	`settled_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bill_settlements_day` ON `bill_settlements` (`business_day`);--> statement-breakpoint
CREATE TABLE `bill_splits` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`kind` text NOT NULL,
	`base_minor` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`replaced_at` text
);
--> statement-breakpoint
CREATE INDEX `bill_splits_visit` ON `bill_splits` (`visit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `bill_splits_one_current` ON `bill_splits` (`visit_id`) WHERE replaced_at IS NULL;--> statement-breakpoint
CREATE TABLE `bill_write_offs` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`reason` text NOT NULL,
	`staff_id` text NOT NULL,
	`business_day` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bill_write_offs_visit` ON `bill_write_offs` (`visit_id`);--> statement-breakpoint
CREATE TABLE `billing_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`tax_mode` text NOT NULL,
	`service_charge_bp` integer NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "billing_settings_one_row" CHECK("billing_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `day_closes` (
	`business_day` text PRIMARY KEY NOT NULL,
	`report` text NOT NULL,
	`closed_by` text NOT NULL,
	`closed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`part_id` text,
	`method` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`tip_minor` integer DEFAULT 0 NOT NULL,
	`tendered_minor` integer,
	`change_minor` integer DEFAULT 0 NOT NULL,
	`last4` text,
	`approval_code` text,
	`ton_invoice_id` text,
	`currency` text NOT NULL,
	`business_day` text NOT NULL,
	`staff_id` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payments_visit` ON `payments` (`visit_id`);--> statement-breakpoint
CREATE INDEX `payments_day` ON `payments` (`business_day`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_ton_invoice` ON `payments` (`ton_invoice_id`);--> statement-breakpoint
CREATE TABLE `ton_invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`part_id` text,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`nanotons` text NOT NULL,
	`comment` text NOT NULL,
	`address_raw` text NOT NULL,
	`nanotons_per_minor` text NOT NULL,
	`rate_set_at` text NOT NULL,
	`status` text NOT NULL,
	`received_nanotons` text DEFAULT '0' NOT NULL,
	`overpaid_decision` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`paid_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ton_invoices_comment` ON `ton_invoices` (`comment`);--> statement-breakpoint
CREATE INDEX `ton_invoices_visit` ON `ton_invoices` (`visit_id`);--> statement-breakpoint
CREATE INDEX `ton_invoices_status` ON `ton_invoices` (`status`);--> statement-breakpoint
CREATE TABLE `ton_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`address_raw` text NOT NULL,
	`address_friendly` text NOT NULL,
	`testnet` integer NOT NULL,
	`nanotons_per_minor` text NOT NULL,
	`rate_source` text NOT NULL,
	`rate_set_at` text NOT NULL,
	`cursor_lt` text,
	`cursor_hash` text,
	`last_poll_at` text,
	`last_poll_error` text,
	`updated_at` text NOT NULL,
	CONSTRAINT "ton_settings_one_row" CHECK("ton_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `ton_transfers` (
	`hash` text PRIMARY KEY NOT NULL,
	`lt` text NOT NULL,
	`utime` integer NOT NULL,
	`source` text,
	`nanotons` text NOT NULL,
	`comment` text,
	`invoice_id` text,
	`attached_by` text,
	`seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ton_transfers_invoice` ON `ton_transfers` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `ton_transfers_unmatched` ON `ton_transfers` (`seen_at`) WHERE invoice_id IS NULL;--> statement-breakpoint
ALTER TABLE `order_items` ADD `tax_rate_bp` integer;