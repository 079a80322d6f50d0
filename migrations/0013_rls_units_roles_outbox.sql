-- Row-level security on the last tenant tables without it (every table with organisation_id has
-- it now; src/server/tenant-isolation.test.ts checks this from the catalogue). Role grants are
-- read across organisations at sign-in and session resolution, in system scope. A platform mail
-- (organisation_id NULL) is visible only in system scope: kompas_row_visible(NULL) is false otherwise.
ALTER TABLE org_unit ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE org_unit FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_unit_tenant ON org_unit USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE role_assignment ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE role_assignment FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY role_assignment_tenant ON role_assignment USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mail_outbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mail_outbox_tenant ON mail_outbox USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
