CREATE TABLE "kernel"."complaint_attachment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kernel"."org_unit" ADD COLUMN "search_terms" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."person" ADD COLUMN "search_terms" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."complaint_attachment" ADD CONSTRAINT "complaint_attachment_complaint_id_complaint_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "kernel"."complaint"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_attachment_complaint_idx" ON "kernel"."complaint_attachment" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "credit_record_version_created_idx" ON "kernel"."credit_record_version" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "org_unit_search_idx" ON "kernel"."org_unit" USING gin ("search_terms");--> statement-breakpoint
CREATE INDEX "org_unit_lower_name_idx" ON "kernel"."org_unit" USING btree (lower("name") collate "C","id");--> statement-breakpoint
CREATE INDEX "person_search_idx" ON "kernel"."person" USING gin ("search_terms");--> statement-breakpoint
CREATE INDEX "record_event_at_idx" ON "kernel"."record_event" USING btree ("at");
--> statement-breakpoint
-- hand-written
-- Character unigrams and bigrams (lower case, whitespace removed) for index-backed Chinese substring search of any
-- length: a term of n >= 2 characters is contained in a text only if all its bigrams are (then LIKE rechecks order).
CREATE OR REPLACE FUNCTION kernel.cjk_grams(txt text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
    SELECT substr(s, i, 1) AS g FROM (SELECT lower(regexp_replace(coalesce(txt, ''), '\s', '', 'g')) AS s) x, generate_series(1, length(x.s)) AS i
    UNION ALL
    SELECT substr(s, i, 2) FROM (SELECT lower(regexp_replace(coalesce(txt, ''), '\s', '', 'g')) AS s) x, generate_series(1, length(x.s) - 1) AS i
  ) t
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION kernel.org_unit_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_terms := kernel.cjk_grams(NEW.name) || kernel.cjk_grams(NEW.short_name);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER org_unit_search_terms BEFORE INSERT OR UPDATE OF name, short_name ON kernel.org_unit
  FOR EACH ROW EXECUTE FUNCTION kernel.org_unit_search_terms();--> statement-breakpoint
CREATE OR REPLACE FUNCTION kernel.person_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_terms := kernel.cjk_grams(NEW.name);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER person_search_terms BEFORE INSERT OR UPDATE OF name ON kernel.person
  FOR EACH ROW EXECUTE FUNCTION kernel.person_search_terms();--> statement-breakpoint
UPDATE kernel.org_unit SET search_terms = kernel.cjk_grams(name) || kernel.cjk_grams(short_name);--> statement-breakpoint
UPDATE kernel.person SET search_terms = kernel.cjk_grams(name);
