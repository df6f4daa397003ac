CREATE TABLE `booking_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_id` text NOT NULL,
	`kind` text NOT NULL,
	`detail` text NOT NULL,
	`staff_id` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `booking_changes_booking` ON `booking_changes` (`booking_id`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`room_type_id` text NOT NULL,
	`booked_room_type_id` text NOT NULL,
	`room_id` text,
	`arrival` text NOT NULL,
	`departure` text NOT NULL,
	`status` text NOT NULL,
	`guest_name` text NOT NULL,
	`guest_email` text,
	`guest_phone` text,
	`adults` integer NOT NULL,
	`children` integer NOT NULL,
	`notes` text,
	`total_minor` integer NOT NULL,
	`night_prices` text NOT NULL,
	`currency` text NOT NULL,
	`source` text NOT NULL,
	`cloudbeds_id` text,
	`check_in_code` text NOT NULL,
	`visit_id` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`checked_in_at` text,
	`checked_out_at` text,
	`cancelled_at` text,
	`cancel_reason` text,
	CONSTRAINT "bookings_dates" CHECK("bookings"."departure" > "bookings"."arrival")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_cloudbeds_id_unique` ON `bookings` (`cloudbeds_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_check_in_code_unique` ON `bookings` (`check_in_code`);--> statement-breakpoint
CREATE INDEX `bookings_type_departure` ON `bookings` (`room_type_id`,`departure`);--> statement-breakpoint
CREATE INDEX `bookings_room_departure` ON `bookings` (`room_id`,`departure`);--> statement-breakpoint
CREATE INDEX `bookings_arrival` ON `bookings` (`arrival`);--> statement-breakpoint
CREATE TABLE `check_in_documents` (
	`booking_id` text NOT NULL,
	`kind` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` blob,
	`created_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_in_documents_one` ON `check_in_documents` (`booking_id`,`kind`);--> statement-breakpoint
CREATE TABLE `check_in_registrations` (
	`booking_id` text PRIMARY KEY NOT NULL,
	`full_name` text NOT NULL,
	`nationality` text NOT NULL,
	`document_type` text NOT NULL,
	`document_number` text NOT NULL,
	`address` text NOT NULL,
	`arrival` text NOT NULL,
	`departure` text NOT NULL,
	`consent_at` text NOT NULL,
	`submitted_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `check_in_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE INDEX `check_in_sessions_booking` ON `check_in_sessions` (`booking_id`);--> statement-breakpoint
CREATE TABLE `cloudbeds_mappings` (
	`kind` text NOT NULL,
	`cloudbeds_id` text NOT NULL,
	`hub_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cloudbeds_mappings_cloudbeds` ON `cloudbeds_mappings` (`kind`,`cloudbeds_id`);--> statement-breakpoint
CREATE INDEX `cloudbeds_mappings_hub` ON `cloudbeds_mappings` (`kind`,`hub_id`);--> statement-breakpoint
CREATE TABLE `cloudbeds_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`api_key` text NOT NULL,
	`property_id` text NOT NULL,
	`pulled_until` text,
	`updated_at` text NOT NULL,
	CONSTRAINT "cloudbeds_settings_one_row" CHECK("cloudbeds_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `folio_charges` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`tax_rate_bp` integer NOT NULL,
	`source_id` text NOT NULL,
	`night` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`voided_at` text,
	`void_reason` text
);
--> statement-breakpoint
CREATE INDEX `folio_charges_booking` ON `folio_charges` (`booking_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `folio_charges_source` ON `folio_charges` (`booking_id`,`kind`,`source_id`);--> statement-breakpoint
CREATE TABLE `folio_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`method` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`tendered_minor` integer,
	`change_minor` integer,
	`card_last4` text,
	`approval_code` text,
	`staff_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `folio_payments_booking` ON `folio_payments` (`booking_id`);--> statement-breakpoint
CREATE TABLE `housekeeping_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`staff_id` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `housekeeping_log_room` ON `housekeeping_log` (`room_id`);--> statement-breakpoint
CREATE TABLE `overbooking_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text,
	`room_type_id` text NOT NULL,
	`booking_ids` text NOT NULL,
	`first_night` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`resolution` text
);
--> statement-breakpoint
CREATE INDEX `overbooking_conflicts_open` ON `overbooking_conflicts` (`detected_at`) WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE TABLE `rate_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`room_type_id` text NOT NULL,
	`name` text NOT NULL,
	`price_minor` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`weekdays` integer NOT NULL,
	`min_nights` integer NOT NULL,
	`priority` integer NOT NULL,
	FOREIGN KEY (`room_type_id`) REFERENCES `room_types`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rate_plans_type` ON `rate_plans` (`room_type_id`);--> statement-breakpoint
CREATE TABLE `room_types` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`capacity` integer NOT NULL,
	`amenities` text NOT NULL,
	`photos` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`floor` integer NOT NULL,
	`room_type_id` text NOT NULL,
	`housekeeping` text NOT NULL,
	`out_of_order_reason` text,
	`out_of_order_from` text,
	`out_of_order_to` text,
	`table_id` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`room_type_id`) REFERENCES `room_types`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_number_unique` ON `rooms` (`number`);--> statement-breakpoint
CREATE INDEX `rooms_type` ON `rooms` (`room_type_id`);--> statement-breakpoint
ALTER TABLE `dining_tables` ADD `kind` text DEFAULT 'table' NOT NULL;