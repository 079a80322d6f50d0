CREATE TABLE "risk_dilemma" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"content" text NOT NULL,
	"what_i_did" text,
	"what_would_help" text,
	"process_code" text,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_by" uuid,
	"submitted_on" date NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"officer_note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "risk_dilemma_status_check" CHECK ("risk_dilemma"."status" IN ('new', 'reviewed', 'used_in_training', 'set_aside')),
	CONSTRAINT "risk_dilemma_themes_check" CHECK ("risk_dilemma"."themes" <@ ARRAY['confidential_information', 'gifts_and_favours', 'rules_and_acquaintances', 'loyalty_to_colleagues', 'use_of_force', 'private_life_and_social_media', 'conflicts_of_interest', 'use_of_resources', 'other']::text[])
);
--> statement-breakpoint
ALTER TABLE "risk_dilemma" ADD CONSTRAINT "risk_dilemma_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_dilemma" ADD CONSTRAINT "risk_dilemma_submitted_by_app_user_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_dilemma" ADD CONSTRAINT "risk_dilemma_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_dilemma_org_idx" ON "risk_dilemma" USING btree ("organisation_id","submitted_on");--> statement-breakpoint
CREATE INDEX "risk_dilemma_author_idx" ON "risk_dilemma" USING btree ("submitted_by") WHERE submitted_by IS NOT NULL;--> statement-breakpoint
ALTER TABLE risk_dilemma ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE risk_dilemma FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY risk_dilemma_tenant ON risk_dilemma USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
