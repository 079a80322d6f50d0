ALTER TABLE record_access ADD CONSTRAINT record_access_kind_chk CHECK (access IN ('handler', 'investigator', 'reader', 'excluded'));
--> statement-breakpoint
ALTER TABLE record_access ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE record_access FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY record_access_tenant ON record_access USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
-- One live grant of a kind per person and record; history rows (revoked) may repeat.
CREATE UNIQUE INDEX record_access_live_uq ON record_access (record_type, record_id, user_id, access) WHERE revoked_at IS NULL;
