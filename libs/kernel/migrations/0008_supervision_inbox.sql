CREATE TABLE "kernel"."inspection" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"target_org_id" uuid NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"closed_on" date,
	"summary" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."inspection_finding" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"description" text NOT NULL,
	"record_id" uuid,
	"rectification_id" uuid,
	"found_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."notification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title_zh" text NOT NULL,
	"body_zh" text NOT NULL,
	"entity" text,
	"entity_id" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kernel"."proposal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"handling_org_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"answered_on" date,
	"satisfaction" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kernel"."rectification" ALTER COLUMN "record_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."rectification" ADD COLUMN "finding_id" uuid;--> statement-breakpoint
ALTER TABLE "kernel"."inspection" ADD CONSTRAINT "inspection_target_org_id_org_unit_id_fk" FOREIGN KEY ("target_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."inspection_finding" ADD CONSTRAINT "inspection_finding_inspection_id_inspection_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "kernel"."inspection"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."inspection_finding" ADD CONSTRAINT "inspection_finding_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."notification" ADD CONSTRAINT "notification_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "kernel"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."proposal" ADD CONSTRAINT "proposal_handling_org_id_org_unit_id_fk" FOREIGN KEY ("handling_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "kernel"."notification" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_dedupe_key" ON "kernel"."notification" USING btree ("dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_code_key" ON "kernel"."proposal" USING btree ("kind","code");