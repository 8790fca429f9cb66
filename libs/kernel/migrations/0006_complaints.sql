CREATE TABLE "kernel"."complaint" (
	"id" uuid PRIMARY KEY NOT NULL,
	"receipt_code" text NOT NULL,
	"category" text NOT NULL,
	"about_org_id" uuid,
	"about_person_id" uuid,
	"about_text" text,
	"content" text NOT NULL,
	"anonymous" boolean NOT NULL,
	"complainant_name" text,
	"complainant_contact" text,
	"content_key" text NOT NULL,
	"status" text NOT NULL,
	"handling_org_id" uuid,
	"filed_on" date NOT NULL,
	"triage_due" date NOT NULL,
	"handle_due" date NOT NULL,
	"triaged_on" date,
	"triage_note" text,
	"duplicate_of" uuid,
	"escalated_on" date,
	"escalated_to_org_id" uuid,
	"closed_on" date,
	"outcome" text,
	"substantiated" boolean,
	"record_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_receipt_code_unique" UNIQUE("receipt_code")
);
--> statement-breakpoint
ALTER TABLE "kernel"."complaint" ADD CONSTRAINT "complaint_about_org_id_org_unit_id_fk" FOREIGN KEY ("about_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."complaint" ADD CONSTRAINT "complaint_about_person_id_person_id_fk" FOREIGN KEY ("about_person_id") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."complaint" ADD CONSTRAINT "complaint_handling_org_id_org_unit_id_fk" FOREIGN KEY ("handling_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."complaint" ADD CONSTRAINT "complaint_escalated_to_org_id_org_unit_id_fk" FOREIGN KEY ("escalated_to_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."complaint" ADD CONSTRAINT "complaint_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_open_idx" ON "kernel"."complaint" USING btree ("status","handle_due");--> statement-breakpoint
CREATE INDEX "complaint_key_idx" ON "kernel"."complaint" USING btree ("content_key");