CREATE TABLE "ppp"."project_contract" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"date_signed" date,
	"payment_mechanism" text,
	"term_years" integer,
	"created_by" uuid
);
--> statement-breakpoint
DROP INDEX "ppp"."obligation_source_key";--> statement-breakpoint
DROP INDEX "ppp"."performance_failure_source_key";--> statement-breakpoint
ALTER TABLE "ppp"."obligation" ADD COLUMN "contract_source_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ppp"."performance_failure" ADD COLUMN "contract_source_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ppp"."project_contract" ADD CONSTRAINT "project_contract_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "ppp"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_contract_source_key" ON "ppp"."project_contract" USING btree ("project_id","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "obligation_source_key" ON "ppp"."obligation" USING btree ("project_id","contract_source_id","source_id") WHERE source_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "performance_failure_source_key" ON "ppp"."performance_failure" USING btree ("project_id","contract_source_id","source_id") WHERE source_id is not null;