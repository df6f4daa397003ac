CREATE TABLE "doc_snapshots" (
	"doc_name" text PRIMARY KEY NOT NULL,
	"venue_id" text NOT NULL,
	"state" "bytea" NOT NULL,
	"last_update_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doc_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"doc_name" text NOT NULL,
	"venue_id" text NOT NULL,
	"update" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hq_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hq_users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hq_users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "hub_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"venue_id" text NOT NULL,
	"hub_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pairing_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"venue_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_order_items" (
	"venue_id" text NOT NULL,
	"order_id" text NOT NULL,
	"item_id" text NOT NULL,
	"menu_item_id" text NOT NULL,
	"name" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"station" text NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "report_order_items_venue_id_item_id_pk" PRIMARY KEY("venue_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "report_orders" (
	"venue_id" text NOT NULL,
	"order_id" text NOT NULL,
	"business_day" date NOT NULL,
	"number" integer NOT NULL,
	"table_name" text NOT NULL,
	"status" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"ready_at" timestamp with time zone,
	"served_at" timestamp with time zone,
	"item_count" integer NOT NULL,
	CONSTRAINT "report_orders_venue_id_order_id_pk" PRIMARY KEY("venue_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	"last_update_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "hq_sessions" ADD CONSTRAINT "hq_sessions_user_id_hq_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."hq_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_tokens" ADD CONSTRAINT "hub_tokens_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_codes" ADD CONSTRAINT "pairing_codes_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doc_updates_doc_idx" ON "doc_updates" USING btree ("doc_name","id");--> statement-breakpoint
CREATE INDEX "hub_tokens_venue_idx" ON "hub_tokens" USING btree ("venue_id");--> statement-breakpoint
CREATE INDEX "report_order_items_order_idx" ON "report_order_items" USING btree ("venue_id","order_id");--> statement-breakpoint
CREATE INDEX "report_orders_day_idx" ON "report_orders" USING btree ("venue_id","business_day");