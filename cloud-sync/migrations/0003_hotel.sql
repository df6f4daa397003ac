CREATE TABLE "report_room_types" (
	"venue_id" text NOT NULL,
	"room_type_id" text NOT NULL,
	"name" text NOT NULL,
	"rooms" integer NOT NULL,
	CONSTRAINT "report_room_types_venue_id_room_type_id_pk" PRIMARY KEY("venue_id","room_type_id")
);
--> statement-breakpoint
CREATE TABLE "report_stay_nights" (
	"venue_id" text NOT NULL,
	"booking_id" text NOT NULL,
	"night" date NOT NULL,
	"stay_month" text NOT NULL,
	"room_type_id" text NOT NULL,
	"status" text NOT NULL,
	"revenue_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "report_stay_nights_venue_id_booking_id_night_pk" PRIMARY KEY("venue_id","booking_id","night")
);
--> statement-breakpoint
CREATE TABLE "report_stays" (
	"venue_id" text NOT NULL,
	"booking_id" text NOT NULL,
	"stay_month" text NOT NULL,
	"room_type_id" text NOT NULL,
	"room_id" text,
	"room_number" text,
	"arrival" date NOT NULL,
	"departure" date NOT NULL,
	"nights" integer NOT NULL,
	"status" text NOT NULL,
	"adults" integer NOT NULL,
	"children" integer NOT NULL,
	"total_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"source" text NOT NULL,
	"guest_name" text NOT NULL,
	CONSTRAINT "report_stays_venue_id_booking_id_pk" PRIMARY KEY("venue_id","booking_id")
);
--> statement-breakpoint
ALTER TABLE "report_bills" ADD COLUMN "room_service" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "report_stay_nights_night_idx" ON "report_stay_nights" USING btree ("venue_id","night");--> statement-breakpoint
CREATE INDEX "report_stays_arrival_idx" ON "report_stays" USING btree ("venue_id","arrival");--> statement-breakpoint
CREATE INDEX "report_stays_departure_idx" ON "report_stays" USING btree ("venue_id","departure");