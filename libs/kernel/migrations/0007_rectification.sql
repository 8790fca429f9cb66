CREATE TABLE "kernel"."accountability_task" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"tenure_id" uuid NOT NULL,
	"status" text NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."rectification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"required_on" date NOT NULL,
	"explanation_due" date NOT NULL,
	"explanation" text,
	"plan" text,
	"explained_on" date,
	"completion_due" date,
	"evidence" text,
	"completed_on" date,
	"verified_on" date,
	"verification_note" text,
	"mitigation" text,
	"escalated_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_record_id_unique" UNIQUE("record_id")
);
--> statement-breakpoint
ALTER TABLE "kernel"."accountability_task" ADD CONSTRAINT "accountability_task_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."accountability_task" ADD CONSTRAINT "accountability_task_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."accountability_task" ADD CONSTRAINT "accountability_task_tenure_id_tenure_id_fk" FOREIGN KEY ("tenure_id") REFERENCES "kernel"."tenure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."rectification" ADD CONSTRAINT "rectification_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."rectification" ADD CONSTRAINT "rectification_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accountability_task_key" ON "kernel"."accountability_task" USING btree ("record_id","tenure_id");--> statement-breakpoint
CREATE INDEX "rectification_open_idx" ON "kernel"."rectification" USING btree ("status","explanation_due");