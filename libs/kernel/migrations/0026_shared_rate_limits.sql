CREATE UNLOGGED TABLE "kernel"."rate_limit" (
	"key" text PRIMARY KEY NOT NULL,
	"value" double precision NOT NULL,
	"expires_at" double precision NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limit_expires_idx" ON "kernel"."rate_limit" USING btree ("expires_at");