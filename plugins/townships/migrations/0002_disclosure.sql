CREATE TABLE "townships"."disclosure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" smallint,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"amount_fen" bigint,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"entered_by" uuid,
	"reviewed_by" uuid,
	"reviewed_on" date,
	"review_note" text,
	"published_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "disclosure_org_year_idx" ON "townships"."disclosure" USING btree ("org_id","year","quarter");