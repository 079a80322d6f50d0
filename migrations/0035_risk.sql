CREATE TABLE "risk_agreement" (
	"organisation_id" uuid NOT NULL,
	"analysis_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"inherent" jsonb NOT NULL,
	"aggravating" jsonb NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"risk_score" integer NOT NULL,
	"band" text NOT NULL,
	"vulnerability" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "risk_agreement_analysis_id_process_id_pk" PRIMARY KEY("analysis_id","process_id"),
	CONSTRAINT "risk_agreement_scale_ck" CHECK ("risk_agreement"."likelihood" BETWEEN 1 AND 7 AND "risk_agreement"."impact" BETWEEN 1 AND 7),
	CONSTRAINT "risk_agreement_band_ck" CHECK ("risk_agreement"."band" IN ('low', 'medium', 'high', 'very_high') AND "risk_agreement"."vulnerability" IN ('low', 'medium', 'high', 'very_high'))
);
--> statement-breakpoint
CREATE TABLE "risk_analysis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"scope_note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"moderator_user_id" uuid,
	"likelihood_levels" integer NOT NULL,
	"impact_levels" integer NOT NULL,
	"matrix" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"consolidation_started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "risk_analysis_status_ck" CHECK ("risk_analysis"."status" IN ('draft', 'scoring', 'consolidating', 'completed')),
	CONSTRAINT "risk_analysis_completed_ck" CHECK (("risk_analysis"."status" = 'completed') = ("risk_analysis"."completed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "risk_analysis_process" (
	"organisation_id" uuid NOT NULL,
	"analysis_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	CONSTRAINT "risk_analysis_process_analysis_id_process_id_pk" PRIMARY KEY("analysis_id","process_id")
);
--> statement-breakpoint
CREATE TABLE "risk_control" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"analysis_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"description" text NOT NULL,
	"type" text NOT NULL,
	"effectiveness" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "risk_control_type_ck" CHECK ("risk_control"."type" IN ('preventive', 'detective', 'reactive')),
	CONSTRAINT "risk_control_effectiveness_ck" CHECK ("risk_control"."effectiveness" IN ('effective', 'partly', 'ineffective', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "risk_participant" (
	"organisation_id" uuid NOT NULL,
	"analysis_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "risk_participant_analysis_id_user_id_pk" PRIMARY KEY("analysis_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "risk_process" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"catalogue_code" text,
	"owner_person_id" uuid,
	"review_date" date,
	"archived" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "risk_process_catalogue_uq" UNIQUE("organisation_id","catalogue_code"),
	CONSTRAINT "risk_process_kind_ck" CHECK ("risk_process"."kind" IN ('process', 'function'))
);
--> statement-breakpoint
CREATE TABLE "risk_recommendation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"analysis_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner_person_id" uuid,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"plan_kind" text,
	"plan_id" uuid,
	"plan_objective_id" uuid,
	"plan_action_id" uuid,
	"linked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "risk_recommendation_status_ck" CHECK ("risk_recommendation"."status" IN ('open', 'in_progress', 'done', 'dropped')),
	CONSTRAINT "risk_recommendation_plan_kind_ck" CHECK ("risk_recommendation"."plan_kind" IS NULL OR "risk_recommendation"."plan_kind" IN ('action', 'objective'))
);
--> statement-breakpoint
CREATE TABLE "risk_score" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"analysis_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"participant_user_id" uuid NOT NULL,
	"inherent" jsonb NOT NULL,
	"aggravating" jsonb NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "risk_score_uq" UNIQUE("analysis_id","process_id","participant_user_id"),
	CONSTRAINT "risk_score_scale_ck" CHECK ("risk_score"."likelihood" BETWEEN 1 AND 7 AND "risk_score"."impact" BETWEEN 1 AND 7)
);
--> statement-breakpoint
CREATE TABLE "risk_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"likelihood_levels" integer DEFAULT 5 NOT NULL,
	"impact_levels" integer DEFAULT 5 NOT NULL,
	"matrix" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "risk_settings_levels_ck" CHECK ("risk_settings"."likelihood_levels" BETWEEN 3 AND 7 AND "risk_settings"."impact_levels" BETWEEN 3 AND 7),
	CONSTRAINT "risk_settings_matrix_ck" CHECK (jsonb_array_length("risk_settings"."matrix") = "risk_settings"."likelihood_levels")
);
--> statement-breakpoint
ALTER TABLE "risk_agreement" ADD CONSTRAINT "risk_agreement_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_agreement" ADD CONSTRAINT "risk_agreement_analysis_id_risk_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."risk_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_agreement" ADD CONSTRAINT "risk_agreement_process_id_risk_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."risk_process"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_agreement" ADD CONSTRAINT "risk_agreement_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_analysis" ADD CONSTRAINT "risk_analysis_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_analysis" ADD CONSTRAINT "risk_analysis_moderator_user_id_app_user_id_fk" FOREIGN KEY ("moderator_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_analysis_process" ADD CONSTRAINT "risk_analysis_process_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_analysis_process" ADD CONSTRAINT "risk_analysis_process_analysis_id_risk_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."risk_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_analysis_process" ADD CONSTRAINT "risk_analysis_process_process_id_risk_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."risk_process"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_control" ADD CONSTRAINT "risk_control_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_control" ADD CONSTRAINT "risk_control_analysis_id_risk_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."risk_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_control" ADD CONSTRAINT "risk_control_process_id_risk_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."risk_process"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_participant" ADD CONSTRAINT "risk_participant_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_participant" ADD CONSTRAINT "risk_participant_analysis_id_risk_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."risk_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_participant" ADD CONSTRAINT "risk_participant_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_process" ADD CONSTRAINT "risk_process_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_process" ADD CONSTRAINT "risk_process_owner_person_id_person_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_process" ADD CONSTRAINT "risk_process_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_recommendation" ADD CONSTRAINT "risk_recommendation_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_recommendation" ADD CONSTRAINT "risk_recommendation_analysis_id_risk_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."risk_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_recommendation" ADD CONSTRAINT "risk_recommendation_process_id_risk_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."risk_process"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_recommendation" ADD CONSTRAINT "risk_recommendation_owner_person_id_person_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_recommendation" ADD CONSTRAINT "risk_recommendation_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_recommendation" ADD CONSTRAINT "risk_recommendation_plan_objective_id_plan_objective_id_fk" FOREIGN KEY ("plan_objective_id") REFERENCES "public"."plan_objective"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_recommendation" ADD CONSTRAINT "risk_recommendation_plan_action_id_plan_action_id_fk" FOREIGN KEY ("plan_action_id") REFERENCES "public"."plan_action"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_recommendation" ADD CONSTRAINT "risk_recommendation_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score" ADD CONSTRAINT "risk_score_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score" ADD CONSTRAINT "risk_score_analysis_id_risk_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."risk_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score" ADD CONSTRAINT "risk_score_process_id_risk_process_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."risk_process"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score" ADD CONSTRAINT "risk_score_participant_user_id_app_user_id_fk" FOREIGN KEY ("participant_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_settings" ADD CONSTRAINT "risk_settings_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_settings" ADD CONSTRAINT "risk_settings_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_agreement_process_idx" ON "risk_agreement" USING btree ("organisation_id","process_id");--> statement-breakpoint
CREATE INDEX "risk_analysis_org_idx" ON "risk_analysis" USING btree ("organisation_id","completed_at");--> statement-breakpoint
CREATE INDEX "risk_analysis_process_process_idx" ON "risk_analysis_process" USING btree ("process_id");--> statement-breakpoint
CREATE INDEX "risk_control_analysis_idx" ON "risk_control" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "risk_process_org_idx" ON "risk_process" USING btree ("organisation_id","name");--> statement-breakpoint
CREATE INDEX "risk_recommendation_analysis_idx" ON "risk_recommendation" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "risk_recommendation_process_idx" ON "risk_recommendation" USING btree ("organisation_id","process_id");--> statement-breakpoint
ALTER TABLE risk_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_settings_tenant ON risk_settings USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE risk_process ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_process FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_process_tenant ON risk_process USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE risk_analysis ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_analysis FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_analysis_tenant ON risk_analysis USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE risk_analysis_process ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_analysis_process FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_analysis_process_tenant ON risk_analysis_process USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE risk_participant ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_participant FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_participant_tenant ON risk_participant USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE risk_score ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_score FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_score_tenant ON risk_score USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE risk_agreement ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_agreement FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_agreement_tenant ON risk_agreement USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE risk_control ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_control FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_control_tenant ON risk_control USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE risk_recommendation ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_recommendation FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_recommendation_tenant ON risk_recommendation USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
