CREATE TABLE "kernel"."calendar_year" (
	"year" integer PRIMARY KEY NOT NULL,
	"document_no" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"marked_by" uuid
);
