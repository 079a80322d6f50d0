CREATE TABLE "maturity_agreement" (
	"organisation_id" uuid NOT NULL,
	"measurement_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"agreed_level" integer NOT NULL,
	"target_level" integer NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "maturity_agreement_measurement_id_criterion_id_pk" PRIMARY KEY("measurement_id","criterion_id"),
	CONSTRAINT "maturity_agreement_levels_ck" CHECK ("maturity_agreement"."agreed_level" BETWEEN 0 AND 4 AND "maturity_agreement"."target_level" BETWEEN 0 AND 4)
);
--> statement-breakpoint
CREATE TABLE "maturity_assessor" (
	"organisation_id" uuid NOT NULL,
	"measurement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "maturity_assessor_measurement_id_user_id_pk" PRIMARY KEY("measurement_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "maturity_criterion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"pillar" text NOT NULL,
	"function" text,
	"code" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"levels" jsonb NOT NULL,
	CONSTRAINT "maturity_criterion_code_uq" UNIQUE("framework_id","code"),
	CONSTRAINT "maturity_criterion_pillar_ck" CHECK ("maturity_criterion"."pillar" IN ('instruments', 'processes', 'structures')),
	CONSTRAINT "maturity_criterion_function_ck" CHECK (("maturity_criterion"."pillar" = 'instruments' AND "maturity_criterion"."function" IN ('define', 'guide', 'monitor', 'enforce')) OR ("maturity_criterion"."pillar" <> 'instruments' AND "maturity_criterion"."function" IS NULL)),
	CONSTRAINT "maturity_criterion_levels_ck" CHECK (jsonb_array_length("maturity_criterion"."levels") = 5)
);
--> statement-breakpoint
CREATE TABLE "maturity_framework" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "maturity_framework_code_version_uq" UNIQUE("code","version"),
	CONSTRAINT "maturity_framework_status_ck" CHECK ("maturity_framework"."status" IN ('draft', 'published')),
	CONSTRAINT "maturity_framework_published_ck" CHECK (("maturity_framework"."status" = 'published') = ("maturity_framework"."published_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "maturity_measurement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'scoring' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"consolidation_started_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "maturity_measurement_kind_ck" CHECK ("maturity_measurement"."kind" IN ('baseline', 'yearly', 'final')),
	CONSTRAINT "maturity_measurement_status_ck" CHECK ("maturity_measurement"."status" IN ('scoring', 'consolidating', 'submitted', 'approved')),
	CONSTRAINT "maturity_measurement_year_ck" CHECK ("maturity_measurement"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "maturity_plan_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"measurement_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"objective_id" uuid,
	"action_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_plan_link_kind_ck" CHECK ("maturity_plan_link"."kind" IN ('action', 'objective'))
);
--> statement-breakpoint
CREATE TABLE "maturity_score" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"measurement_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"assessor_user_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"action_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "maturity_score_uq" UNIQUE("measurement_id","criterion_id","assessor_user_id"),
	CONSTRAINT "maturity_score_level_ck" CHECK ("maturity_score"."level" BETWEEN 0 AND 4)
);
--> statement-breakpoint
ALTER TABLE "maturity_agreement" ADD CONSTRAINT "maturity_agreement_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_agreement" ADD CONSTRAINT "maturity_agreement_measurement_id_maturity_measurement_id_fk" FOREIGN KEY ("measurement_id") REFERENCES "public"."maturity_measurement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_agreement" ADD CONSTRAINT "maturity_agreement_criterion_id_maturity_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."maturity_criterion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_agreement" ADD CONSTRAINT "maturity_agreement_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessor" ADD CONSTRAINT "maturity_assessor_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessor" ADD CONSTRAINT "maturity_assessor_measurement_id_maturity_measurement_id_fk" FOREIGN KEY ("measurement_id") REFERENCES "public"."maturity_measurement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessor" ADD CONSTRAINT "maturity_assessor_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_criterion" ADD CONSTRAINT "maturity_criterion_framework_id_maturity_framework_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."maturity_framework"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_framework" ADD CONSTRAINT "maturity_framework_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_framework" ADD CONSTRAINT "maturity_framework_published_by_app_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_measurement" ADD CONSTRAINT "maturity_measurement_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_measurement" ADD CONSTRAINT "maturity_measurement_framework_id_maturity_framework_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."maturity_framework"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_measurement" ADD CONSTRAINT "maturity_measurement_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_measurement" ADD CONSTRAINT "maturity_measurement_submitted_by_app_user_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_measurement" ADD CONSTRAINT "maturity_measurement_approved_by_app_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_plan_link" ADD CONSTRAINT "maturity_plan_link_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_plan_link" ADD CONSTRAINT "maturity_plan_link_measurement_id_maturity_measurement_id_fk" FOREIGN KEY ("measurement_id") REFERENCES "public"."maturity_measurement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_plan_link" ADD CONSTRAINT "maturity_plan_link_criterion_id_maturity_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."maturity_criterion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_plan_link" ADD CONSTRAINT "maturity_plan_link_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_plan_link" ADD CONSTRAINT "maturity_plan_link_objective_id_plan_objective_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."plan_objective"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_plan_link" ADD CONSTRAINT "maturity_plan_link_action_id_plan_action_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_action"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_plan_link" ADD CONSTRAINT "maturity_plan_link_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_score" ADD CONSTRAINT "maturity_score_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_score" ADD CONSTRAINT "maturity_score_measurement_id_maturity_measurement_id_fk" FOREIGN KEY ("measurement_id") REFERENCES "public"."maturity_measurement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_score" ADD CONSTRAINT "maturity_score_criterion_id_maturity_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."maturity_criterion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_score" ADD CONSTRAINT "maturity_score_assessor_user_id_app_user_id_fk" FOREIGN KEY ("assessor_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maturity_measurement_org_idx" ON "maturity_measurement" USING btree ("organisation_id","year");--> statement-breakpoint
CREATE INDEX "maturity_plan_link_measurement_idx" ON "maturity_plan_link" USING btree ("measurement_id");--> statement-breakpoint
ALTER TABLE maturity_measurement ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_measurement FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY maturity_measurement_tenant ON maturity_measurement USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE maturity_assessor ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_assessor FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY maturity_assessor_tenant ON maturity_assessor USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE maturity_score ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_score FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY maturity_score_tenant ON maturity_score USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE maturity_agreement ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_agreement FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY maturity_agreement_tenant ON maturity_agreement USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE maturity_plan_link ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_plan_link FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY maturity_plan_link_tenant ON maturity_plan_link USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
