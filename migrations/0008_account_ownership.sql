CREATE TABLE "organisation_member" (
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	CONSTRAINT "organisation_member_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "home_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "personal_link_user_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "personal_link_kind" text;--> statement-breakpoint
ALTER TABLE "organisation_member" ADD CONSTRAINT "organisation_member_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_member" ADD CONSTRAINT "organisation_member_added_by_app_user_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_member_user_idx" ON "organisation_member" USING btree ("user_id");--> statement-breakpoint
-- Tenancy lives in the platform, so these foreign keys are written here rather than in schema.ts.
ALTER TABLE "organisation_member" ADD CONSTRAINT "organisation_member_organisation_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id");--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_home_organisation_fk" FOREIGN KEY ("home_organisation_id") REFERENCES "public"."organisation"("id");--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_personal_link_kind_chk" CHECK ("personal_link_kind" IN ('invite', 'reset', 'sign_in'));--> statement-breakpoint
ALTER TABLE "organisation_member" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "organisation_member" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY organisation_member_tenant ON organisation_member USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));--> statement-breakpoint
-- Existing data: every organisation where a person holds or held a role knows them.
INSERT INTO organisation_member (organisation_id, user_id, display_name, added_at, joined_at)
SELECT ra.organisation_id, ra.user_id, u.display_name, min(ra.created_at), CASE WHEN u.password_hash IS NOT NULL OR u.oidc_subject IS NOT NULL THEN now() END
  FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id
 GROUP BY ra.organisation_id, ra.user_id, u.display_name, u.password_hash, u.oidc_subject
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- The home of an existing account: the organisation of its first role; platform administrators stay platform accounts.
UPDATE app_user u SET home_organisation_id = first.organisation_id
  FROM (SELECT DISTINCT ON (user_id) user_id, organisation_id FROM role_assignment ORDER BY user_id, created_at, id) first
 WHERE first.user_id = u.id AND NOT u.is_platform_admin;
