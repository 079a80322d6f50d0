CREATE TABLE "complaint_stats_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"repeat_count" integer DEFAULT 3 NOT NULL,
	"repeat_months" integer DEFAULT 12 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "complaint_stats_settings_count_ck" CHECK ("complaint_stats_settings"."repeat_count" BETWEEN 2 AND 20),
	CONSTRAINT "complaint_stats_settings_months_ck" CHECK ("complaint_stats_settings"."repeat_months" BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE TABLE "complaint_year_report" (
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"recommendations" text NOT NULL,
	"updated_by" uuid,
	"updated_on" date NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "complaint_year_report_organisation_id_year_pk" PRIMARY KEY("organisation_id","year"),
	CONSTRAINT "complaint_year_report_length_ck" CHECK (length("complaint_year_report"."recommendations") <= 20000)
);
--> statement-breakpoint
ALTER TABLE "complaint_stats_settings" ADD CONSTRAINT "complaint_stats_settings_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_year_report" ADD CONSTRAINT "complaint_year_report_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_year_report" ADD CONSTRAINT "complaint_year_report_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE complaint_stats_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint_stats_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_stats_settings_tenant ON complaint_stats_settings USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE complaint_year_report ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint_year_report FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_year_report_tenant ON complaint_year_report USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
