DROP INDEX "kernel"."person_id_number_hash_key";--> statement-breakpoint
ALTER TABLE "kernel"."person" ADD COLUMN "duplicate_of" uuid;--> statement-breakpoint
ALTER TABLE "kernel"."person" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "kernel"."person" ADD COLUMN "merged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kernel"."person" ADD CONSTRAINT "person_duplicate_of_person_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."person" ADD CONSTRAINT "person_merged_into_person_id_fk" FOREIGN KEY ("merged_into") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_duplicate_pending_idx" ON "kernel"."person" USING btree ("duplicate_of") WHERE "kernel"."person"."duplicate_of" is not null and "kernel"."person"."merged_into" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "person_id_number_hash_key" ON "kernel"."person" USING btree ("id_number_hash") WHERE "kernel"."person"."duplicate_of" is null;