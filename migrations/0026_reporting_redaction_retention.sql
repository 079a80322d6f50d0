CREATE TABLE "report_redaction" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"target" text NOT NULL,
	"target_id" text NOT NULL,
	"original" "bytea",
	"marks" "bytea" NOT NULL,
	"original_sha256" text NOT NULL,
	"masked_on" date NOT NULL,
	"masked_by" uuid,
	"original_deleted_on" date,
	"original_deleted_by" uuid,
	CONSTRAINT "report_redaction_target_ck" CHECK ("report_redaction"."target" IN ('answer', 'message'))
);
--> statement-breakpoint
CREATE TABLE "report_statistic" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"received_year" integer NOT NULL,
	"closed_year" integer,
	"filed_via" text NOT NULL,
	"identity_mode" text NOT NULL,
	"category" text,
	"admissibility" text,
	"outcome" text,
	"ack_lead_days" integer,
	"feedback_lead_days" integer,
	"ack_missed" boolean NOT NULL,
	"feedback_missed" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_redaction" ADD CONSTRAINT "report_redaction_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_redaction" ADD CONSTRAINT "report_redaction_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_redaction" ADD CONSTRAINT "report_redaction_masked_by_app_user_id_fk" FOREIGN KEY ("masked_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_redaction" ADD CONSTRAINT "report_redaction_original_deleted_by_app_user_id_fk" FOREIGN KEY ("original_deleted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_statistic" ADD CONSTRAINT "report_statistic_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_redaction_target_uq" ON "report_redaction" USING btree ("organisation_id","report_id","target","target_id");--> statement-breakpoint
CREATE INDEX "report_statistic_org_year_idx" ON "report_statistic" USING btree ("organisation_id","received_year");--> statement-breakpoint
-- Row-level security like every tenant table (docs/development.md, "Migrations").
ALTER TABLE report_redaction ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_redaction FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_redaction_tenant ON report_redaction USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_statistic ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_statistic FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_statistic_tenant ON report_statistic USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
