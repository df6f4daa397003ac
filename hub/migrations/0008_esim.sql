CREATE TABLE `airalo_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`client_id` text,
	`client_secret` text,
	`usd_rate` text,
	`catalogue_synced_at` text,
	`catalogue_problem` text,
	`updated_at` text NOT NULL,
	CONSTRAINT "airalo_settings_one_row" CHECK("airalo_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `airalo_tokens` (
	`client_key` text PRIMARY KEY NOT NULL,
	`access_token` text NOT NULL,
	`obtained_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `esim_coverage` (
	`country_code` text NOT NULL,
	`package_id` text NOT NULL,
	PRIMARY KEY(`country_code`, `package_id`)
);
--> statement-breakpoint
CREATE INDEX `esim_coverage_package` ON `esim_coverage` (`package_id`);--> statement-breakpoint
CREATE TABLE `esim_offers` (
	`package_id` text PRIMARY KEY NOT NULL,
	`offered` integer NOT NULL,
	`selling_minor` integer,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `esim_packages` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`country_code` text,
	`area` text NOT NULL,
	`operator` text NOT NULL,
	`data_mb` integer,
	`unlimited` integer NOT NULL,
	`days` integer NOT NULL,
	`retail_usd_minor` integer NOT NULL,
	`net_usd_minor` integer NOT NULL,
	`search_text` text NOT NULL,
	`gone_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `esim_purchases` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`package_id` text NOT NULL,
	`title` text NOT NULL,
	`data_mb` integer,
	`unlimited` integer NOT NULL,
	`days` integer NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`net_usd_minor` integer NOT NULL,
	`cost_minor` integer NOT NULL,
	`status` text NOT NULL,
	`sold_by` text NOT NULL,
	`buyer_token_hash` text,
	`seller_staff_id` text,
	`reason` text,
	`business_day` text NOT NULL,
	`created_at` text NOT NULL,
	`paid_at` text,
	`delivered_at` text,
	`refunded_at` text,
	`updated_at` text NOT NULL,
	`airalo_order_id` text,
	`airalo_order_code` text,
	`iccid` text,
	`smdp_address` text,
	`matching_id` text,
	`activation_code` text,
	`apn` text,
	`roaming` integer,
	`usage` text,
	`usage_fetched_at` text,
	`usage_asked_at` text
);
--> statement-breakpoint
CREATE INDEX `esim_purchases_visit` ON `esim_purchases` (`visit_id`);--> statement-breakpoint
CREATE INDEX `esim_purchases_status` ON `esim_purchases` (`status`);--> statement-breakpoint
CREATE INDEX `esim_purchases_iccid` ON `esim_purchases` (`iccid`);