CREATE TABLE "bidding"."agency_supervision" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"summary" text NOT NULL,
	"outcome" text,
	"document_no" text,
	"status" text NOT NULL,
	"published_on" date,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "bidding"."agency_evaluation" ADD COLUMN "status" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "bidding"."agency_evaluation" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "bidding"."agency_evaluation" ADD COLUMN "reviewed_on" date;--> statement-breakpoint
ALTER TABLE "bidding"."agency_evaluation" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "bidding"."agency_evaluation" ADD COLUMN "published_on" date;--> statement-breakpoint
ALTER TABLE "bidding"."agency_evaluation" ADD COLUMN "published_by" uuid;--> statement-breakpoint
ALTER TABLE "bidding"."agency_evaluation" ADD COLUMN "corrections" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "bidding"."agency_supervision" ADD CONSTRAINT "agency_supervision_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "bidding"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_supervision_agency_idx" ON "bidding"."agency_supervision" USING btree ("agency_id","occurred_on");--> statement-breakpoint
-- Evaluations entered before the review step were published on entry.
UPDATE "bidding"."agency_evaluation" SET "published_on" = "evaluated_on" WHERE "status" = 'published' AND "published_on" IS NULL;
