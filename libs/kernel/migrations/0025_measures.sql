CREATE TABLE "kernel"."criticism_notice" (
	"id" uuid PRIMARY KEY NOT NULL,
	"issuer_org_id" uuid NOT NULL,
	"target_org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"document_no" text,
	"facts" text NOT NULL,
	"rectification_demand" text NOT NULL,
	"rectification_due" date NOT NULL,
	"status" text NOT NULL,
	"drafted_on" date NOT NULL,
	"drafted_by" uuid,
	"submitted_on" date,
	"reviewed_on" date,
	"reviewed_by" uuid,
	"review_note" text,
	"published_on" date,
	"withdrawn_on" date,
	"withdraw_reason" text,
	"rectification_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."criticism_notice_record" (
	"notice_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	CONSTRAINT "criticism_notice_record_notice_id_record_id_pk" PRIMARY KEY("notice_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "kernel"."self_correction" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"applicant_name" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text NOT NULL,
	"filed_on" date NOT NULL,
	"filed_by" uuid,
	"decide_due" date NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"granted" boolean,
	"measures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text,
	"decided_on" date,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kernel"."objection" ADD COLUMN "concerns" text DEFAULT 'publication' NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."objection" ADD COLUMN "exchange_channel" text;--> statement-breakpoint
ALTER TABLE "kernel"."objection" ADD COLUMN "exchange_seq" bigint;--> statement-breakpoint
ALTER TABLE "kernel"."objection" ADD COLUMN "exchange_batch_no" integer;--> statement-breakpoint
ALTER TABLE "kernel"."criticism_notice" ADD CONSTRAINT "criticism_notice_issuer_org_id_org_unit_id_fk" FOREIGN KEY ("issuer_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."criticism_notice" ADD CONSTRAINT "criticism_notice_target_org_id_org_unit_id_fk" FOREIGN KEY ("target_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."criticism_notice_record" ADD CONSTRAINT "criticism_notice_record_notice_id_criticism_notice_id_fk" FOREIGN KEY ("notice_id") REFERENCES "kernel"."criticism_notice"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."criticism_notice_record" ADD CONSTRAINT "criticism_notice_record_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."self_correction" ADD CONSTRAINT "self_correction_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "criticism_notice_target_idx" ON "kernel"."criticism_notice" USING btree ("target_org_id","status");--> statement-breakpoint
CREATE INDEX "criticism_notice_status_idx" ON "kernel"."criticism_notice" USING btree ("status");--> statement-breakpoint
CREATE INDEX "criticism_notice_record_idx" ON "kernel"."criticism_notice_record" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "self_correction_record_idx" ON "kernel"."self_correction" USING btree ("record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "self_correction_open_key" ON "kernel"."self_correction" USING btree ("record_id") WHERE status = 'under_review';