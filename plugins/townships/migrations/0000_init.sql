CREATE SCHEMA IF NOT EXISTS "townships";
--> statement-breakpoint
CREATE TABLE "townships"."assessment" (
	"commitment_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"grade" text NOT NULL,
	"percent" double precision NOT NULL,
	"assessed_on" date NOT NULL,
	"note" text,
	"assessed_by" uuid,
	CONSTRAINT "assessment_commitment_id_pk" PRIMARY KEY("commitment_id")
);
--> statement-breakpoint
CREATE TABLE "townships"."promise_change" (
	"id" uuid PRIMARY KEY NOT NULL,
	"promise_id" uuid NOT NULL,
	"changed_on" date NOT NULL,
	"description" text NOT NULL,
	"agreed" boolean NOT NULL,
	"reason" text NOT NULL,
	"legal_authority" text,
	"procedure_record" text,
	"compensation_fen" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "townships"."commitment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"area" text NOT NULL,
	"title" text NOT NULL,
	"published_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "townships"."evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"milestone_id" uuid NOT NULL,
	"on" date NOT NULL,
	"value" double precision,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "townships"."milestone" (
	"id" uuid PRIMARY KEY NOT NULL,
	"promise_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"target" double precision,
	"unit" text,
	"amount_fen" bigint
);
--> statement-breakpoint
CREATE TABLE "townships"."quarter_report" (
	"evidence_id" uuid PRIMARY KEY NOT NULL,
	"commitment_id" uuid NOT NULL,
	"quarter" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "townships"."rating" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commitment_id" uuid NOT NULL,
	"rater_key" text NOT NULL,
	"fulfilment" smallint NOT NULL,
	"satisfaction" smallint NOT NULL,
	"rated_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "promise_change_promise_idx" ON "townships"."promise_change" USING btree ("promise_id");--> statement-breakpoint
CREATE INDEX "commitment_org_year_idx" ON "townships"."commitment" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "commitment_year_idx" ON "townships"."commitment" USING btree ("year","id");--> statement-breakpoint
CREATE INDEX "evidence_milestone_idx" ON "townships"."evidence" USING btree ("milestone_id","on");--> statement-breakpoint
CREATE INDEX "milestone_promise_idx" ON "townships"."milestone" USING btree ("promise_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "quarter_report_key" ON "townships"."quarter_report" USING btree ("commitment_id","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_once_key" ON "townships"."rating" USING btree ("commitment_id","rater_key");