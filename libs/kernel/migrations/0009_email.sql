ALTER TABLE "kernel"."app_user" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "kernel"."notification" ADD COLUMN "emailed_at" timestamp with time zone;