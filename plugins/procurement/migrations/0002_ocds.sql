DROP INDEX "procurement"."contract_ocid_key";--> statement-breakpoint
ALTER TABLE "procurement"."contract" ADD COLUMN "ocds_contract_id" text;--> statement-breakpoint
ALTER TABLE "procurement"."contract" ADD COLUMN "ocds_award_id" text;--> statement-breakpoint
ALTER TABLE "procurement"."contract" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "procurement"."contract" ADD COLUMN "unknown_facts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "procurement"."payment" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_ocds_key" ON "procurement"."contract" USING btree ("ocid","ocds_contract_id") WHERE ocid is not null;--> statement-breakpoint
CREATE INDEX "contract_updated_idx" ON "procurement"."contract" USING btree ("updated_at","id");