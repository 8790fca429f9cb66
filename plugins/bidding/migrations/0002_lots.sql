CREATE TABLE "bidding"."lot" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tender_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"estimate_fen" bigint,
	"award_notice_date" date,
	"contract_date" date,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "bidding"."lot" ADD CONSTRAINT "lot_tender_id_tender_id_fk" FOREIGN KEY ("tender_id") REFERENCES "bidding"."tender"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lot_source_key" ON "bidding"."lot" USING btree ("tender_id","source_id");