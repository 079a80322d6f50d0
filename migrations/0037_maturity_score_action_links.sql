-- A score's plan actions (the old maturity_score.action_ids) become links of the score's evidence
-- (maturity_evidence, ADR 0019): one link row per action, of the score's assessor, dated at the
-- score's last change; a link the assessor already made stays as it is. The record is resolved for
-- each reader when read, so an action deleted since shows as "record not accessible", as any link.
-- A score of somebody no longer an assessor of the measurement cannot exist (taking an assessor off
-- deletes their scores); the EXISTS keeps the assessor foreign key satisfied all the same.
-- The table forces row-level security: the move runs in the system scope, set for this transaction
-- only and cleared again right after.
SELECT set_config('kompas.scope', 'system', true);
--> statement-breakpoint
INSERT INTO maturity_evidence (organisation_id, measurement_id, criterion_id, assessor_user_id, kind, record_kind, record_id, created_at)
SELECT s.organisation_id, s.measurement_id, s.criterion_id, s.assessor_user_id, 'link', 'plan.action', a.action_id, s.updated_at
  FROM maturity_score s CROSS JOIN LATERAL unnest(s.action_ids) AS a(action_id)
 WHERE EXISTS (SELECT 1 FROM maturity_assessor x WHERE x.measurement_id = s.measurement_id AND x.user_id = s.assessor_user_id)
ON CONFLICT ON CONSTRAINT maturity_evidence_link_uq DO NOTHING;
--> statement-breakpoint
SELECT set_config('kompas.scope', '', true);
--> statement-breakpoint
ALTER TABLE "maturity_score" DROP COLUMN "action_ids";
