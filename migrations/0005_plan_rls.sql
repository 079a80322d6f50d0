-- Value checks the application also validates: the database refuses what no code path should write.
ALTER TABLE plan ADD CONSTRAINT plan_status_ck CHECK (status IN ('draft','submitted','approved','in_force','superseded'));
--> statement-breakpoint
ALTER TABLE plan ADD CONSTRAINT plan_period_ck CHECK (period_from BETWEEN 2000 AND 2100 AND period_to BETWEEN period_from AND period_from + 10);
--> statement-breakpoint
ALTER TABLE plan_action ADD CONSTRAINT plan_action_status_ck CHECK (status IN ('planned','in_progress','done','stopped'));
--> statement-breakpoint
ALTER TABLE plan_action ADD CONSTRAINT plan_action_progress_ck CHECK (progress BETWEEN 0 AND 100);
--> statement-breakpoint
ALTER TABLE plan_action ADD CONSTRAINT plan_action_imf_ck CHECK (imf_function IS NULL OR imf_function IN ('define','guide','monitor','enforce'));
--> statement-breakpoint
ALTER TABLE plan_action ADD CONSTRAINT plan_action_layer_ck CHECK (imf_layer IS NULL OR imf_layer IN ('core','complementary'));
--> statement-breakpoint
ALTER TABLE plan_action ADD CONSTRAINT plan_action_nature_ck CHECK (nature IS NULL OR nature IN ('stimulating','controlling'));
--> statement-breakpoint
ALTER TABLE plan_action ADD CONSTRAINT plan_action_dates_ck CHECK (start_date IS NULL OR due_date IS NULL OR start_date <= due_date);
--> statement-breakpoint
ALTER TABLE plan_action_update ADD CONSTRAINT plan_action_update_progress_ck CHECK (progress BETWEEN 0 AND 100);
--> statement-breakpoint
ALTER TABLE plan_action_evidence ADD CONSTRAINT plan_action_evidence_size_ck CHECK (size BETWEEN 1 AND 10485760);
--> statement-breakpoint
ALTER TABLE plan_evaluation ADD CONSTRAINT plan_evaluation_status_ck CHECK (status IN ('draft','approved'));
--> statement-breakpoint
-- Row-level security on every plan table (notes and evidence are confidential): defence in depth
-- behind the service checks; jobs and oversight aggregates run with kompas.scope = 'system'.
ALTER TABLE plan ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_tenant ON plan USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE plan_objective ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_objective FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_objective_tenant ON plan_objective USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE plan_indicator ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_indicator FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_indicator_tenant ON plan_indicator USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE plan_indicator_measurement ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_indicator_measurement FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_indicator_measurement_tenant ON plan_indicator_measurement USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE plan_action ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_action FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_action_tenant ON plan_action USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE plan_action_update ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_action_update FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_action_update_tenant ON plan_action_update USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE plan_action_evidence ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_action_evidence FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_action_evidence_tenant ON plan_action_evidence USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE plan_evaluation ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_evaluation FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_evaluation_tenant ON plan_evaluation USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE plan_reminder_sent ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_reminder_sent FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_reminder_sent_tenant ON plan_reminder_sent USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE plan_listing_sent ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_listing_sent FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_listing_sent_tenant ON plan_listing_sent USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
-- Lists of a unit's actions for the monthly listing and the my-actions view.
CREATE INDEX plan_objective_org_idx ON plan_objective (organisation_id, plan_id);
