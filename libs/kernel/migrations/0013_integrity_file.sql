CREATE TABLE "kernel"."clean_government_record" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"summary" text NOT NULL,
	"recording_org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."honour_override" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"blocking_record_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."personal_matter_report" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"items" jsonb NOT NULL,
	"check_result" text NOT NULL,
	"checked_on" date,
	"handling" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."reporting_nil" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_id" uuid NOT NULL,
	"period" text NOT NULL,
	"declared_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."reporting_source" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"frequency" text NOT NULL,
	"due_working_days" integer NOT NULL,
	"active_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."training_completion" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"session_id" uuid,
	"completed_on" date NOT NULL,
	"hours" numeric(5, 1) NOT NULL,
	"source_system" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."training_course" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"hours" numeric(5, 1) NOT NULL,
	"organiser" text NOT NULL,
	"organiser_org_id" uuid,
	"audience" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."training_session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"course_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"place" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "kernel"."post" ADD COLUMN "leading" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."clean_government_record" ADD CONSTRAINT "clean_government_record_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."clean_government_record" ADD CONSTRAINT "clean_government_record_recording_org_id_org_unit_id_fk" FOREIGN KEY ("recording_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."honour_override" ADD CONSTRAINT "honour_override_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."personal_matter_report" ADD CONSTRAINT "personal_matter_report_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."reporting_nil" ADD CONSTRAINT "reporting_nil_source_id_reporting_source_id_fk" FOREIGN KEY ("source_id") REFERENCES "kernel"."reporting_source"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."reporting_source" ADD CONSTRAINT "reporting_source_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."training_completion" ADD CONSTRAINT "training_completion_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."training_completion" ADD CONSTRAINT "training_completion_course_id_training_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "kernel"."training_course"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."training_completion" ADD CONSTRAINT "training_completion_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "kernel"."training_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."training_course" ADD CONSTRAINT "training_course_organiser_org_id_org_unit_id_fk" FOREIGN KEY ("organiser_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."training_session" ADD CONSTRAINT "training_session_course_id_training_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "kernel"."training_course"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clean_government_record_person_idx" ON "kernel"."clean_government_record" USING btree ("person_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "personal_matter_report_person_year_key" ON "kernel"."personal_matter_report" USING btree ("person_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_nil_key" ON "kernel"."reporting_nil" USING btree ("source_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_source_code_key" ON "kernel"."reporting_source" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "training_completion_key" ON "kernel"."training_completion" USING btree ("person_id","course_id","completed_on");--> statement-breakpoint
CREATE INDEX "training_completion_day_idx" ON "kernel"."training_completion" USING btree ("completed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "training_course_code_key" ON "kernel"."training_course" USING btree ("code");--> statement-breakpoint
CREATE INDEX "training_session_course_idx" ON "kernel"."training_session" USING btree ("course_id","starts_on");--> statement-breakpoint
UPDATE "kernel"."post" SET "leading" = true WHERE "principal";
