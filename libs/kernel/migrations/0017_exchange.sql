CREATE TABLE "kernel"."exchange_batch" (
	"channel" text NOT NULL,
	"batch_no" integer NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint NOT NULL,
	"item_count" integer NOT NULL,
	"sha256_json" text NOT NULL,
	"sha256_csv" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"served_count" integer DEFAULT 1 NOT NULL,
	"acked_at" timestamp with time zone,
	"acked_by" uuid,
	CONSTRAINT "exchange_batch_channel_batch_no_pk" PRIMARY KEY("channel","batch_no")
);
--> statement-breakpoint
CREATE TABLE "kernel"."exchange_change" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"record_id" uuid NOT NULL,
	"op" text NOT NULL,
	"item" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."exchange_import" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"format" text NOT NULL,
	"source_system" text NOT NULL,
	"filename" text NOT NULL,
	"upload_id" uuid,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected_rows" integer DEFAULT 0 NOT NULL,
	"issue_count" integer DEFAULT 0 NOT NULL,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kernel"."exchange_import_issue" (
	"import_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"line" integer NOT NULL,
	"column" text NOT NULL,
	"code" text NOT NULL,
	"message_zh" text NOT NULL,
	"message_en" text NOT NULL,
	CONSTRAINT "exchange_import_issue_import_id_n_pk" PRIMARY KEY("import_id","n")
);
--> statement-breakpoint
CREATE TABLE "kernel"."exchange_state" (
	"channel" text NOT NULL,
	"record_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"withdrawn" boolean DEFAULT false NOT NULL,
	CONSTRAINT "exchange_state_channel_record_id_pk" PRIMARY KEY("channel","record_id")
);
--> statement-breakpoint
CREATE TABLE "kernel"."exchange_upload" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid,
	"filename" text NOT NULL,
	"format" text NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"parts" integer DEFAULT 0 NOT NULL,
	"sha256" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel"."exchange_upload_part" (
	"upload_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" text NOT NULL,
	CONSTRAINT "exchange_upload_part_upload_id_seq_pk" PRIMARY KEY("upload_id","seq")
);
--> statement-breakpoint
ALTER TABLE "kernel"."exchange_import_issue" ADD CONSTRAINT "exchange_import_issue_import_id_exchange_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "kernel"."exchange_import"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel"."exchange_upload_part" ADD CONSTRAINT "exchange_upload_part_upload_id_exchange_upload_id_fk" FOREIGN KEY ("upload_id") REFERENCES "kernel"."exchange_upload"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_change_channel_idx" ON "kernel"."exchange_change" USING btree ("channel","seq");--> statement-breakpoint
CREATE INDEX "exchange_import_owner_idx" ON "kernel"."exchange_import" USING btree ("owner_id","created_at");