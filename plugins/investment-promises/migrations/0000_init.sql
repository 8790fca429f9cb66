CREATE SCHEMA IF NOT EXISTS "investment_promises";
--> statement-breakpoint
CREATE TABLE "investment_promises"."promise_change" (
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
CREATE TABLE "investment_promises"."complaint" (
	"id" uuid PRIMARY KEY NOT NULL,
	"promise_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"ticket_no" text,
	"received_on" date NOT NULL,
	"summary" text NOT NULL,
	"forwarded_on" date,
	"forwarded_to" text,
	"verified_on" date,
	"outcome" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "investment_promises"."evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"milestone_id" uuid NOT NULL,
	"on" date NOT NULL,
	"value" double precision,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "investment_promises"."excuse" (
	"id" uuid PRIMARY KEY NOT NULL,
	"promise_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"explanation" text NOT NULL,
	"recorded_on" date NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "investment_promises"."milestone" (
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
CREATE TABLE "investment_promises"."promise" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"responsible_person_id" uuid,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"beneficiary_name" text NOT NULL,
	"beneficiary_uscc" text NOT NULL,
	"selective" boolean NOT NULL,
	"made_on" date NOT NULL,
	"basis_kind" text NOT NULL,
	"legal_basis" text,
	"document_no" text,
	"unlawful_from_start" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE INDEX "promise_change_promise_idx" ON "investment_promises"."promise_change" USING btree ("promise_id");--> statement-breakpoint
CREATE INDEX "complaint_promise_idx" ON "investment_promises"."complaint" USING btree ("promise_id");--> statement-breakpoint
CREATE INDEX "evidence_milestone_idx" ON "investment_promises"."evidence" USING btree ("milestone_id","on");--> statement-breakpoint
CREATE INDEX "excuse_promise_idx" ON "investment_promises"."excuse" USING btree ("promise_id");--> statement-breakpoint
CREATE INDEX "milestone_promise_idx" ON "investment_promises"."milestone" USING btree ("promise_id","seq");--> statement-breakpoint
CREATE INDEX "promise_org_idx" ON "investment_promises"."promise" USING btree ("org_id","id");