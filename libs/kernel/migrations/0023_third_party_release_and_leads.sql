CREATE TABLE "kernel"."evaluation_external_release" (
	"source" text NOT NULL,
	"year" integer NOT NULL,
	"rater" text NOT NULL,
	"method_summary" text,
	"rated_on" date,
	"status" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid,
	"released_at" timestamp with time zone,
	"released_by" uuid,
	"release_note" text,
	"withdrawn_reason" text,
	CONSTRAINT "evaluation_external_release_source_year_pk" PRIMARY KEY("source","year")
);
--> statement-breakpoint
CREATE TABLE "kernel"."lead" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"source_kind" text NOT NULL,
	"link" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"org_id" uuid,
	"org_text" text NOT NULL,
	"allegation" text NOT NULL,
	"occurred_on" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_by" uuid,
	"status" text NOT NULL,
	"dismiss_reason" text,
	"merged_into" uuid,
	"record_id" uuid,
	"triaged_at" timestamp with time zone,
	"triaged_by" uuid
);
--> statement-breakpoint
ALTER TABLE "kernel"."lead" ADD CONSTRAINT "lead_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."lead" ADD CONSTRAINT "lead_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lead_source_key" ON "kernel"."lead" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "lead_status_idx" ON "kernel"."lead" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "lead_org_idx" ON "kernel"."lead" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "lead_open_idx" ON "kernel"."lead" USING btree ("id") WHERE status = 'new';