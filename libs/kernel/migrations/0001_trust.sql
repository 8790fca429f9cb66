CREATE TABLE "kernel"."access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."api_token" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"role_key" text NOT NULL,
	"scope_org_id" uuid,
	"plugins" text[],
	"rate_per_minute" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "api_token_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "kernel"."audit_checkpoint" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"head_hash" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"key_id" text NOT NULL,
	"public_key" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."role" (
	"key" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"permissions" text[] NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."user_grant" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"role_key" text NOT NULL,
	"scope_org_id" uuid,
	"plugins" text[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
DROP INDEX "kernel"."audit_log_entity_idx";--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ALTER COLUMN "at" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "kernel"."app_user" ADD COLUMN "failed_logins" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."app_user" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kernel"."app_user" ADD COLUMN "password_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ADD COLUMN "actor_name" text;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ADD COLUMN "detail_digest" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ADD COLUMN "before_digest" text;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ADD COLUMN "after_digest" text;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ADD COLUMN "prev_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ADD COLUMN "hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ADD COLUMN "redacted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "kernel"."session" ADD COLUMN "csrf_hash" text;--> statement-breakpoint
ALTER TABLE "kernel"."session" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "kernel"."api_token" ADD CONSTRAINT "api_token_role_key_role_key_fk" FOREIGN KEY ("role_key") REFERENCES "kernel"."role"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."api_token" ADD CONSTRAINT "api_token_scope_org_id_org_unit_id_fk" FOREIGN KEY ("scope_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."user_grant" ADD CONSTRAINT "user_grant_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "kernel"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."user_grant" ADD CONSTRAINT "user_grant_role_key_role_key_fk" FOREIGN KEY ("role_key") REFERENCES "kernel"."role"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."user_grant" ADD CONSTRAINT "user_grant_scope_org_id_org_unit_id_fk" FOREIGN KEY ("scope_org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_subject_idx" ON "kernel"."access_log" USING btree ("subject_kind","subject_id","id");--> statement-breakpoint
CREATE INDEX "access_log_actor_idx" ON "kernel"."access_log" USING btree ("actor_id","id");--> statement-breakpoint
CREATE INDEX "user_grant_user_idx" ON "kernel"."user_grant" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "kernel"."audit_log" USING btree ("entity","entity_id","seq");;--> statement-breakpoint
-- Entries written before the chain existed: their order becomes their seq; they are sealed (hashed) by the kernel at
-- start-up (sealLegacyAuditEntries), since the hash is computed in TypeScript. Timestamps are cut to milliseconds,
-- the precision the hash covers.
UPDATE "kernel"."audit_log" SET "seq" = "id", "at" = date_trunc('milliseconds', "at");--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ALTER COLUMN "detail_digest" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ALTER COLUMN "prev_hash" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "kernel"."audit_log" ALTER COLUMN "hash" DROP DEFAULT;--> statement-breakpoint
-- Built-in roles (their permission sets are kept in step with the code at start-up), and a grant for each role a
-- user held, scoped to the user's body as before.
INSERT INTO "kernel"."role" ("key", "name_zh", "name_en", "permissions", "builtin") VALUES
  ('admin', '系统管理员', 'Administrator', '{*}', true),
  ('officer', '信用信息录入员', 'Record officer', '{}', true),
  ('reviewer', '审核员', 'Reviewer', '{}', true),
  ('viewer', '查询员', 'Viewer', '{}', true),
  ('auditor', '审计员', 'Auditor', '{}', true);--> statement-breakpoint
INSERT INTO "kernel"."user_grant" ("id", "user_id", "role_key", "scope_org_id")
  SELECT gen_random_uuid(), u."id", r."role", u."org_id" FROM "kernel"."app_user" u, unnest(u."roles") AS r("role");--> statement-breakpoint
-- The state of a record (row and every version) as one digest, computed by the database the same way when it is
-- written (into the audit entry) and when it is verified, so serialisation can never differ between the two.
CREATE FUNCTION "kernel"."record_digest"(rid uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    r.subject_kind, r.org_id, r.person_id, r.type_key, r.polarity, r.status, r.disputed, r.current_version, r.source_system, r.source_id,
    (SELECT jsonb_agg(jsonb_build_array(v.version, v.severity, v.facts, v.legal_basis, v.decision_no, v.decision_date, v.effective_date,
       v.issuing_authority, v.issuing_authority_uscc, v.disclosure_scope, v.sanction_type, v.impact_start, v.impact_end,
       v.publication_start, v.publication_min_end, v.publication_max_end, v.payload, v.rules, v.content_hash, v.reason) ORDER BY v.version)
     FROM "kernel"."credit_record_version" v WHERE v.record_id = r.id)
  )::text, 'UTF8')), 'hex')
  FROM "kernel"."credit_record" r WHERE r.id = rid
$$;
