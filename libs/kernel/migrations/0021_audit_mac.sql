ALTER TABLE "kernel"."audit_log" ADD COLUMN "mac" text;--> statement-breakpoint
-- Entries written before MACs: sealed with the data key at the next start (libs/kernel/src/audit/mac.ts).
UPDATE "kernel"."audit_log" SET "mac" = 'legacy';
