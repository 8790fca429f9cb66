CREATE TABLE "kernel"."idempotency_key" (
	"actor_id" uuid NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_key_actor_id_key_pk" PRIMARY KEY("actor_id","key")
);
--> statement-breakpoint
CREATE INDEX "idempotency_key_created_idx" ON "kernel"."idempotency_key" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "credit_record_updated_idx" ON "kernel"."credit_record" USING btree ("updated_at","id");