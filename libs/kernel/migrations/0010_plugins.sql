CREATE TABLE "kernel"."plugin_setting" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plugin_id" text NOT NULL,
	"org_id" uuid,
	"enabled" boolean NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "kernel"."plugin_setting" ADD CONSTRAINT "plugin_setting_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "kernel"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plugin_setting_org_key" ON "kernel"."plugin_setting" USING btree ("plugin_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plugin_setting_deployment_key" ON "kernel"."plugin_setting" USING btree ("plugin_id") WHERE org_id is null;