CREATE SCHEMA IF NOT EXISTS "bidding";
--> statement-breakpoint
CREATE TABLE "bidding"."agency" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"uscc" text NOT NULL,
	"qualification" text NOT NULL,
	"qualification_valid_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "bidding"."agency_evaluation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"evaluated_on" date NOT NULL,
	"total" numeric NOT NULL,
	"grade" text NOT NULL,
	"breakdown" jsonb NOT NULL,
	"report_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "bidding"."agency_report" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"report_no" text NOT NULL,
	"issued_on" date NOT NULL,
	"grade" text NOT NULL,
	"valid_until" date NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "bidding"."clarification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tender_id" uuid NOT NULL,
	"issued_on" date NOT NULL,
	"affects_bids" boolean NOT NULL,
	"summary" text NOT NULL,
	"source_id" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "bidding"."incident" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tender_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"cause" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "bidding"."interference" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tender_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "bidding"."tender" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"project" text NOT NULL,
	"must_tender" boolean NOT NULL,
	"open_required" boolean NOT NULL,
	"method" text NOT NULL,
	"invited_approval" text,
	"estimate_fen" bigint,
	"agency_id" uuid,
	"issue_date" date NOT NULL,
	"bid_deadline" date NOT NULL,
	"evaluation_report_date" date,
	"publicity_start" date,
	"publicity_end" date,
	"award_notice_date" date,
	"contract_date" date,
	"report_date" date,
	"ocid" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bidding"."agency_evaluation" ADD CONSTRAINT "agency_evaluation_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "bidding"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bidding"."agency_report" ADD CONSTRAINT "agency_report_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "bidding"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bidding"."clarification" ADD CONSTRAINT "clarification_tender_id_tender_id_fk" FOREIGN KEY ("tender_id") REFERENCES "bidding"."tender"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bidding"."incident" ADD CONSTRAINT "incident_tender_id_tender_id_fk" FOREIGN KEY ("tender_id") REFERENCES "bidding"."tender"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bidding"."interference" ADD CONSTRAINT "interference_tender_id_tender_id_fk" FOREIGN KEY ("tender_id") REFERENCES "bidding"."tender"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bidding"."tender" ADD CONSTRAINT "tender_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "bidding"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agency_uscc_key" ON "bidding"."agency" USING btree ("uscc");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_evaluation_year_key" ON "bidding"."agency_evaluation" USING btree ("agency_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_report_no_key" ON "bidding"."agency_report" USING btree ("agency_id","issuer","report_no");--> statement-breakpoint
CREATE INDEX "clarification_tender_idx" ON "bidding"."clarification" USING btree ("tender_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clarification_source_key" ON "bidding"."clarification" USING btree ("tender_id","source_id") WHERE source_id is not null;--> statement-breakpoint
CREATE INDEX "incident_tender_idx" ON "bidding"."incident" USING btree ("tender_id");--> statement-breakpoint
CREATE INDEX "interference_tender_idx" ON "bidding"."interference" USING btree ("tender_id");--> statement-breakpoint
CREATE INDEX "tender_org_idx" ON "bidding"."tender" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_ocid_key" ON "bidding"."tender" USING btree ("ocid") WHERE ocid is not null;