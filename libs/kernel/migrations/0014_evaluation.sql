CREATE TABLE "kernel"."evaluation_contribution" (
	"run_id" uuid NOT NULL,
	"indicator" text NOT NULL,
	"org_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"amount" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."evaluation_external" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"year" integer NOT NULL,
	"org_id" uuid NOT NULL,
	"score" numeric(6, 2),
	"grade" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."evaluation_run" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scheme_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"kind" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"inputs_digest" text NOT NULL,
	"previous_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"computed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_note" text,
	"published_at" timestamp with time zone,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."evaluation_scheme" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"kind" text DEFAULT '' NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"min_sample" integer NOT NULL,
	"indicators" jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."evaluation_score" (
	"run_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"score" numeric(6, 2),
	"rank" integer,
	"status" text NOT NULL,
	"sample" integer NOT NULL,
	"previous_score" numeric(6, 2),
	"previous_rank" integer,
	"breakdown" jsonb NOT NULL,
	CONSTRAINT "evaluation_score_run_id_org_id_pk" PRIMARY KEY("run_id","org_id")
);
--> statement-breakpoint
ALTER TABLE "kernel"."evaluation_external" ADD CONSTRAINT "evaluation_external_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."evaluation_run" ADD CONSTRAINT "evaluation_run_scheme_id_evaluation_scheme_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "kernel"."evaluation_scheme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."evaluation_score" ADD CONSTRAINT "evaluation_score_run_id_evaluation_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "kernel"."evaluation_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."evaluation_score" ADD CONSTRAINT "evaluation_score_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_contribution_idx" ON "kernel"."evaluation_contribution" USING btree ("run_id","org_id","indicator","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_external_key" ON "kernel"."evaluation_external" USING btree ("source","year","org_id");--> statement-breakpoint
CREATE INDEX "evaluation_run_year_idx" ON "kernel"."evaluation_run" USING btree ("year","level","status");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_scheme_version_key" ON "kernel"."evaluation_scheme" USING btree ("year","level","kind","version");