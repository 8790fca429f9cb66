ALTER TABLE "procurement"."arrears_complaint" ADD COLUMN "accepted_on" date;--> statement-breakpoint
ALTER TABLE "procurement"."contract" ADD COLUMN "evaluation_report_date" date;--> statement-breakpoint
ALTER TABLE "procurement"."contract" ADD COLUMN "supplier_confirmed_on" date;--> statement-breakpoint
ALTER TABLE "procurement"."contract" ADD COLUMN "contract_published_on" date;--> statement-breakpoint
ALTER TABLE "procurement"."contract" ADD COLUMN "result_changed_on" date;--> statement-breakpoint
ALTER TABLE "procurement"."contract" ADD COLUMN "responsible_person_id" uuid;