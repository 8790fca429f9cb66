CREATE TABLE "local_debt"."credit_rating" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"grade" text NOT NULL,
	"score" numeric NOT NULL,
	"tier" text NOT NULL,
	"explanation" text NOT NULL,
	"method" jsonb NOT NULL,
	"published_on" date NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "local_debt"."risk_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"level" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"measures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_on" date,
	"closure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "credit_rating_org_year_key" ON "local_debt"."credit_rating" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "risk_event_org_idx" ON "local_debt"."risk_event" USING btree ("org_id","occurred_on");