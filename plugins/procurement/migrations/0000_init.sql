CREATE SCHEMA IF NOT EXISTS "procurement";
--> statement-breakpoint
CREATE TABLE "procurement"."arrears_complaint" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"supplier_name" text NOT NULL,
	"summary" text NOT NULL,
	"received_on" date NOT NULL,
	"forward_due" date NOT NULL,
	"forwarded_on" date,
	"forwarded_to" text,
	"handle_days" integer DEFAULT 30 NOT NULL,
	"extension_reason" text,
	"handled_on" date,
	"outcome" text,
	"note" text,
	"provisional" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement"."contract" (
	"id" uuid PRIMARY KEY NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"supplier_name" text NOT NULL,
	"supplier_uscc" text NOT NULL,
	"supplier_sme" boolean NOT NULL,
	"amount_fen" bigint NOT NULL,
	"award_notice_date" date NOT NULL,
	"signing_date" date,
	"acceptance_deadline" date,
	"acceptance_date" date,
	"acceptance_result" text,
	"acceptance_report_no" text,
	"delivery_date" date,
	"payment_term_days" integer NOT NULL,
	"late_interest_ppm_per_day" integer,
	"ocid" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement"."payment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"paid_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"voucher_no" text NOT NULL,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "procurement"."arrears_complaint" ADD CONSTRAINT "arrears_complaint_contract_id_contract_id_fk" FOREIGN KEY ("contract_id") REFERENCES "procurement"."contract"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement"."payment" ADD CONSTRAINT "payment_contract_id_contract_id_fk" FOREIGN KEY ("contract_id") REFERENCES "procurement"."contract"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrears_complaint_contract_idx" ON "procurement"."arrears_complaint" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_buyer_idx" ON "procurement"."contract" USING btree ("buyer_org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_ocid_key" ON "procurement"."contract" USING btree ("ocid") WHERE ocid is not null;--> statement-breakpoint
CREATE INDEX "payment_contract_idx" ON "procurement"."payment" USING btree ("contract_id","paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_source_key" ON "procurement"."payment" USING btree ("contract_id","source_id") WHERE source_id is not null;