ALTER TABLE "kernel"."app_user" DROP COLUMN "roles";--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ADD PRIMARY KEY ("seq");
