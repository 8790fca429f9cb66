CREATE TABLE "ppp"."contract_review" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"reviewer" text NOT NULL,
	"conclusion" text NOT NULL,
	"findings" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ppp"."performance_result" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"result" text NOT NULL,
	"assessor" text NOT NULL,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "ppp"."contract_review" ADD CONSTRAINT "contract_review_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "ppp"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ppp"."performance_result" ADD CONSTRAINT "performance_result_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "ppp"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_review_project_idx" ON "ppp"."contract_review" USING btree ("project_id","reviewed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "performance_result_project_year_key" ON "ppp"."performance_result" USING btree ("project_id","year");