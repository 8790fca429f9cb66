CREATE SCHEMA IF NOT EXISTS "local_debt";
--> statement-breakpoint
CREATE TABLE "local_debt"."debt_figure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"balance_fen" bigint NOT NULL,
	"capacity_fen" bigint NOT NULL,
	"principal_interest_due_fen" bigint NOT NULL,
	"overdue_fen" bigint NOT NULL,
	"new_debt_fen" bigint NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "debt_figure_org_year_key" ON "local_debt"."debt_figure" USING btree ("org_id","year");