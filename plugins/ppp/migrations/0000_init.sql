CREATE SCHEMA IF NOT EXISTS "ppp";
--> statement-breakpoint
CREATE TABLE "ppp"."agreement_change" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"changed_on" date NOT NULL,
	"description" text NOT NULL,
	"unilateral" boolean NOT NULL,
	"reason" text NOT NULL,
	"legal_authority" text,
	"procedure_record" text,
	"compensation_fen" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ppp"."budget" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"general_expenditure_fen" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ppp"."evaluation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"evaluated_on" date NOT NULL,
	"kind" text NOT NULL,
	"score" numeric NOT NULL,
	"note" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ppp"."excuse" (
	"id" uuid PRIMARY KEY NOT NULL,
	"obligation_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"explanation" text NOT NULL,
	"document_no" text,
	"recorded_on" date NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ppp"."fulfilment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"obligation_id" uuid NOT NULL,
	"fulfilled_on" date NOT NULL,
	"amount_fen" bigint,
	"note" text NOT NULL,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ppp"."obligation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"due_date" date NOT NULL,
	"amount_fen" bigint,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ppp"."performance_failure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"category" text NOT NULL,
	"events" integer NOT NULL,
	"penalty_contracted" text,
	"penalty_imposed" text,
	"penalty_paid" boolean DEFAULT false NOT NULL,
	"source_id" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ppp"."project" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"partner_name" text NOT NULL,
	"partner_uscc" text NOT NULL,
	"phase" text NOT NULL,
	"payment_mechanism" text NOT NULL,
	"start_date" date NOT NULL,
	"agreement_date" date,
	"term_years" integer NOT NULL,
	"risks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ocid" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ppp"."agreement_change" ADD CONSTRAINT "agreement_change_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "ppp"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ppp"."evaluation" ADD CONSTRAINT "evaluation_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "ppp"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ppp"."excuse" ADD CONSTRAINT "excuse_obligation_id_obligation_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "ppp"."obligation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ppp"."fulfilment" ADD CONSTRAINT "fulfilment_obligation_id_obligation_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "ppp"."obligation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ppp"."obligation" ADD CONSTRAINT "obligation_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "ppp"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ppp"."performance_failure" ADD CONSTRAINT "performance_failure_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "ppp"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_change_project_idx" ON "ppp"."agreement_change" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_org_year_key" ON "ppp"."budget" USING btree ("org_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_project_year_key" ON "ppp"."evaluation" USING btree ("project_id","year","kind");--> statement-breakpoint
CREATE INDEX "excuse_obligation_idx" ON "ppp"."excuse" USING btree ("obligation_id");--> statement-breakpoint
CREATE INDEX "fulfilment_obligation_idx" ON "ppp"."fulfilment" USING btree ("obligation_id","fulfilled_on");--> statement-breakpoint
CREATE UNIQUE INDEX "fulfilment_source_key" ON "ppp"."fulfilment" USING btree ("obligation_id","source_id") WHERE source_id is not null;--> statement-breakpoint
CREATE INDEX "obligation_project_idx" ON "ppp"."obligation" USING btree ("project_id","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "obligation_source_key" ON "ppp"."obligation" USING btree ("project_id","source_id") WHERE source_id is not null;--> statement-breakpoint
CREATE INDEX "performance_failure_project_idx" ON "ppp"."performance_failure" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "performance_failure_source_key" ON "ppp"."performance_failure" USING btree ("project_id","source_id") WHERE source_id is not null;--> statement-breakpoint
CREATE INDEX "project_org_idx" ON "ppp"."project" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_ocid_key" ON "ppp"."project" USING btree ("ocid") WHERE ocid is not null;