CREATE TABLE "townships"."rating_code" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commitment_id" uuid NOT NULL,
	"rater_key" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "townships"."rating" ADD COLUMN "verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "townships"."rating" ADD COLUMN "flag" text;--> statement-breakpoint
ALTER TABLE "townships"."rating" ADD COLUMN "address_key" text;--> statement-breakpoint
CREATE INDEX "rating_code_rater" ON "townships"."rating_code" USING btree ("rater_key","commitment_id");