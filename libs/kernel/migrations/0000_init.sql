CREATE SCHEMA IF NOT EXISTS "kernel";
--> statement-breakpoint
CREATE TABLE "kernel"."app_user" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"roles" text[] NOT NULL,
	"org_id" uuid,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_user_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "kernel"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."credit_record" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid,
	"type_key" text NOT NULL,
	"polarity" text NOT NULL,
	"status" text NOT NULL,
	"disputed" boolean DEFAULT false NOT NULL,
	"current_version" integer NOT NULL,
	"source_system" text NOT NULL,
	"source_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."credit_record_version" (
	"record_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"severity" text NOT NULL,
	"facts" text NOT NULL,
	"legal_basis" text NOT NULL,
	"decision_no" text NOT NULL,
	"decision_date" date NOT NULL,
	"effective_date" date NOT NULL,
	"issuing_authority" text NOT NULL,
	"issuing_authority_uscc" text,
	"disclosure_scope" text NOT NULL,
	"sanction_type" text,
	"impact_start" date,
	"impact_end" date,
	"publication_start" date,
	"publication_min_end" date,
	"publication_max_end" date,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "credit_record_version_record_id_version_pk" PRIMARY KEY("record_id","version")
);
--> statement-breakpoint
CREATE TABLE "kernel"."org_unit" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid,
	"path" text NOT NULL,
	"depth" integer NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"uscc" text NOT NULL,
	"uscc_warning" text,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"area_code" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."person" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_cipher" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "kernel"."post" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"principal" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."record_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"version" integer NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."record_link" (
	"from_record_id" uuid NOT NULL,
	"to_record_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "record_link_from_record_id_to_record_id_kind_pk" PRIMARY KEY("from_record_id","to_record_id","kind")
);
--> statement-breakpoint
CREATE TABLE "kernel"."session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "session_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "kernel"."tenure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kernel"."app_user" ADD CONSTRAINT "app_user_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."credit_record" ADD CONSTRAINT "credit_record_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."credit_record" ADD CONSTRAINT "credit_record_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."credit_record_version" ADD CONSTRAINT "credit_record_version_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."post" ADD CONSTRAINT "post_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."record_event" ADD CONSTRAINT "record_event_record_id_credit_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."record_link" ADD CONSTRAINT "record_link_from_record_id_credit_record_id_fk" FOREIGN KEY ("from_record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."record_link" ADD CONSTRAINT "record_link_to_record_id_credit_record_id_fk" FOREIGN KEY ("to_record_id") REFERENCES "kernel"."credit_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."session" ADD CONSTRAINT "session_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "kernel"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."tenure" ADD CONSTRAINT "tenure_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "kernel"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."tenure" ADD CONSTRAINT "tenure_post_id_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "kernel"."post"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."tenure" ADD CONSTRAINT "tenure_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "kernel"."audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_record_source_key" ON "kernel"."credit_record" USING btree ("source_system","source_id");--> statement-breakpoint
CREATE INDEX "credit_record_org_idx" ON "kernel"."credit_record" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "credit_record_person_idx" ON "kernel"."credit_record" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "credit_record_status_idx" ON "kernel"."credit_record" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "credit_record_type_idx" ON "kernel"."credit_record" USING btree ("type_key","id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_unit_uscc_key" ON "kernel"."org_unit" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "org_unit_parent_idx" ON "kernel"."org_unit" USING btree ("parent_id","sort_order");--> statement-breakpoint
CREATE INDEX "org_unit_path_idx" ON "kernel"."org_unit" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "org_unit_name_idx" ON "kernel"."org_unit" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "person_id_number_hash_key" ON "kernel"."person" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "person_name_idx" ON "kernel"."person" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "post_org_title_key" ON "kernel"."post" USING btree ("org_id","title");--> statement-breakpoint
CREATE INDEX "record_event_record_idx" ON "kernel"."record_event" USING btree ("record_id","id");--> statement-breakpoint
CREATE INDEX "record_link_to_idx" ON "kernel"."record_link" USING btree ("to_record_id");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "kernel"."session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "tenure_person_idx" ON "kernel"."tenure" USING btree ("person_id","start_date");--> statement-breakpoint
CREATE INDEX "tenure_org_idx" ON "kernel"."tenure" USING btree ("org_id","start_date");
