CREATE TABLE "maturity_oversight_consent" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"consented" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "maturity_oversight_consent" ADD CONSTRAINT "maturity_oversight_consent_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_oversight_consent" ADD CONSTRAINT "maturity_oversight_consent_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE maturity_oversight_consent ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_oversight_consent FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY maturity_oversight_consent_tenant ON maturity_oversight_consent USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
