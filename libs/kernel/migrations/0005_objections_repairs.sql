CREATE TABLE "kernel"."objection" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_contact" text,
	"reasons" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"filed_on" date NOT NULL,
	"mark_due" date NOT NULL,
	"marked_on" date,
	"decide_due" date NOT NULL,
	"extension_reason" text,
	"outcome" text,
	"outcome_reason" text,
	"decided_on" date,
	"decided_by" uuid,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."repair" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"applicant_name" text NOT NULL,
	"proof" text NOT NULL,
	"promise_signed" boolean NOT NULL,
	"status" text NOT NULL,
	"filed_on" date NOT NULL,
	"decide_due" date NOT NULL,
	"decided_on" date,
	"decided_by" uuid,
	"decision_reason" text,
	"promise_broken_on" date,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "kernel"."objection" ADD CONSTRAINT "objection_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."repair" ADD CONSTRAINT "repair_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "objection_record_idx" ON "kernel"."objection" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "objection_open_idx" ON "kernel"."objection" USING btree ("status","decide_due");--> statement-breakpoint
CREATE INDEX "repair_record_idx" ON "kernel"."repair" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "repair_open_idx" ON "kernel"."repair" USING btree ("status","decide_due");