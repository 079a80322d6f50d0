CREATE TABLE "report_advice" (
	"organisation_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"advice" "bytea",
	"given_on" date,
	CONSTRAINT "report_advice_organisation_id_request_id_user_id_pk" PRIMARY KEY("organisation_id","request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "report_advice_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"asked_by_user_id" uuid,
	"question" "bytea" NOT NULL,
	"asked_on" date NOT NULL,
	"until_on" date NOT NULL,
	"withdrawn_on" date
);
--> statement-breakpoint
CREATE TABLE "report_protective_measure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"description" "bytea" NOT NULL,
	"taken_on" date NOT NULL,
	"recorded_on" date NOT NULL,
	"recorded_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "report_reprisal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"check_months" integer,
	"suffered" boolean NOT NULL,
	"description" "bytea",
	"answered_on" date NOT NULL,
	"handled_on" date,
	"handled_by_user_id" uuid,
	CONSTRAINT "report_reprisal_description_ck" CHECK ("report_reprisal"."suffered" OR "report_reprisal"."description" IS NULL)
);
--> statement-breakpoint
ALTER TABLE "report_advice" ADD CONSTRAINT "report_advice_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_advice" ADD CONSTRAINT "report_advice_request_id_report_advice_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."report_advice_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_advice" ADD CONSTRAINT "report_advice_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_advice" ADD CONSTRAINT "report_advice_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_advice_request" ADD CONSTRAINT "report_advice_request_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_advice_request" ADD CONSTRAINT "report_advice_request_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_advice_request" ADD CONSTRAINT "report_advice_request_asked_by_user_id_app_user_id_fk" FOREIGN KEY ("asked_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_protective_measure" ADD CONSTRAINT "report_protective_measure_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_protective_measure" ADD CONSTRAINT "report_protective_measure_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_protective_measure" ADD CONSTRAINT "report_protective_measure_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reprisal" ADD CONSTRAINT "report_reprisal_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reprisal" ADD CONSTRAINT "report_reprisal_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reprisal" ADD CONSTRAINT "report_reprisal_handled_by_user_id_app_user_id_fk" FOREIGN KEY ("handled_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_advice_user_idx" ON "report_advice" USING btree ("organisation_id","user_id");--> statement-breakpoint
CREATE INDEX "report_advice_request_report_idx" ON "report_advice_request" USING btree ("organisation_id","report_id");--> statement-breakpoint
CREATE INDEX "report_protective_measure_report_idx" ON "report_protective_measure" USING btree ("organisation_id","report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_reprisal_seq_uq" ON "report_reprisal" USING btree ("organisation_id","report_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "report_reprisal_check_uq" ON "report_reprisal" USING btree ("organisation_id","report_id","check_months") WHERE "report_reprisal"."check_months" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE report_advice_request ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_advice_request FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_advice_request_tenant ON report_advice_request USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_advice ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_advice FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_advice_tenant ON report_advice USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_protective_measure ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_protective_measure FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_protective_measure_tenant ON report_protective_measure USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_reprisal ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_reprisal FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_reprisal_tenant ON report_reprisal USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
