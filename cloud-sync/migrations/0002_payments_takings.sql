CREATE TABLE "report_bill_taxes" (
	"venue_id" text NOT NULL,
	"visit_id" text NOT NULL,
	"rate_bp" integer NOT NULL,
	"business_day" date NOT NULL,
	"currency" text NOT NULL,
	"net_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	CONSTRAINT "report_bill_taxes_venue_id_visit_id_rate_bp_pk" PRIMARY KEY("venue_id","visit_id","rate_bp")
);
--> statement-breakpoint
CREATE TABLE "report_bills" (
	"venue_id" text NOT NULL,
	"visit_id" text NOT NULL,
	"business_day" date NOT NULL,
	"currency" text NOT NULL,
	"subtotal_minor" bigint NOT NULL,
	"discount_minor" bigint NOT NULL,
	"service_charge_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"paid_minor" bigint NOT NULL,
	"tips_minor" bigint NOT NULL,
	"written_off_minor" bigint NOT NULL,
	"settled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_bills_venue_id_visit_id_pk" PRIMARY KEY("venue_id","visit_id")
);
--> statement-breakpoint
CREATE TABLE "report_payments" (
	"venue_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"business_day" date NOT NULL,
	"visit_id" text NOT NULL,
	"part_id" text,
	"method" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"tip_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"ton_invoice_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_payments_venue_id_payment_id_pk" PRIMARY KEY("venue_id","payment_id")
);
--> statement-breakpoint
CREATE INDEX "report_bill_taxes_day_idx" ON "report_bill_taxes" USING btree ("venue_id","business_day");--> statement-breakpoint
CREATE INDEX "report_bills_day_idx" ON "report_bills" USING btree ("venue_id","business_day");--> statement-breakpoint
CREATE INDEX "report_payments_day_idx" ON "report_payments" USING btree ("venue_id","business_day");