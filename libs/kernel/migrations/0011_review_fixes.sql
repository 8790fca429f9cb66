ALTER TABLE "kernel"."complaint" ADD COLUMN "provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."notification" ADD COLUMN "email_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."notification" ADD COLUMN "email_last_error" text;--> statement-breakpoint
ALTER TABLE "kernel"."notification" ADD COLUMN "email_next_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kernel"."notification" ADD COLUMN "email_failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kernel"."objection" ADD COLUMN "provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."rectification" ADD COLUMN "provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."rectification" ADD COLUMN "cancelled_on" date;--> statement-breakpoint
ALTER TABLE "kernel"."rectification" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "kernel"."repair" ADD COLUMN "provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "notification_outbox_idx" ON "kernel"."notification" USING btree ("created_at") WHERE emailed_at is null and email_failed_at is null;--> statement-breakpoint
-- Backfill: cases filed before the flag existed. Their deadlines were counted with chinese-days 1.5.7, whose official
-- arrangements end with 2026, so a deadline after 2026 was counted (at least partly) on the statutory fallback.
UPDATE "kernel"."objection" SET "provisional" = true WHERE "decide_due" > DATE '2026-12-31';--> statement-breakpoint
UPDATE "kernel"."repair" SET "provisional" = true WHERE "decide_due" > DATE '2026-12-31';--> statement-breakpoint
UPDATE "kernel"."complaint" SET "provisional" = true WHERE "handle_due" > DATE '2026-12-31';--> statement-breakpoint
UPDATE "kernel"."rectification" SET "provisional" = true WHERE "explanation_due" > DATE '2026-12-31' OR "completion_due" > DATE '2026-12-31';
