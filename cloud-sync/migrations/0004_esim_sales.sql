CREATE TABLE "report_esim_sales" (
	"venue_id" text NOT NULL,
	"sale_id" text NOT NULL,
	"business_day" date NOT NULL,
	"visit_id" text NOT NULL,
	"package_id" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"price_minor" bigint NOT NULL,
	"cost_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "report_esim_sales_venue_id_sale_id_pk" PRIMARY KEY("venue_id","sale_id")
);
--> statement-breakpoint
CREATE INDEX "report_esim_sales_day_idx" ON "report_esim_sales" USING btree ("venue_id","business_day");