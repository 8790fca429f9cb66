CREATE TABLE "kernel"."assessment_result" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"grade" text NOT NULL,
	"assessing_org_id" uuid NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "kernel"."assessment_result" ADD CONSTRAINT "assessment_result_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."assessment_result" ADD CONSTRAINT "assessment_result_assessing_org_id_org_unit_id_fk" FOREIGN KEY ("assessing_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_result_person_year_key" ON "kernel"."assessment_result" USING btree ("person_id","year");