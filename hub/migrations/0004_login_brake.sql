CREATE TABLE `login_brake` (
	`id` integer PRIMARY KEY NOT NULL,
	`budget` real NOT NULL,
	`updated_at` text NOT NULL,
	`tripped_at` text
);
