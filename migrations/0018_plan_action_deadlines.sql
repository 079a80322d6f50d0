-- The plan's due-date reminders move onto the platform's deadlines (kind plan.action_due): one
-- deadline per open action with a due date and an owner in a plan in force, the rule of
-- planActionDeadlines in src/server/modules/plan/plan-reminders.ts (the daily job reconciles with
-- it too). A reminder plan_reminder_sent remembers for the current due date counts as the
-- reminder step already sent, so nobody is reminded twice by the upgrade.
SELECT set_config('kompas.scope', 'system', true);
--> statement-breakpoint
INSERT INTO deadline (organisation_id, record_type, record_id, kind, due_on, assignee_user_id, assignee_unit_id, last_sent_step, last_sent_on)
SELECT a.organisation_id, 'plan_action', a.id, 'plan.action_due', a.due_date, a.owner_user_id, a.owner_unit_id,
       CASE WHEN r.action_id IS NOT NULL THEN
         -(CASE WHEN o.settings->>'reminderDaysBeforeDue' ~ '^[0-9]{1,2}$' THEN LEAST((o.settings->>'reminderDaysBeforeDue')::int, 90) ELSE 14 END)
       END,
       r.sent_at::date
  FROM plan_action a
  JOIN plan p ON p.id = a.plan_id AND p.organisation_id = a.organisation_id AND p.status = 'in_force'
  JOIN organisation o ON o.id = a.organisation_id
  LEFT JOIN plan_reminder_sent r ON r.action_id = a.id AND r.due_date = a.due_date
 WHERE a.status IN ('planned', 'in_progress') AND a.due_date IS NOT NULL
   AND (a.owner_user_id IS NOT NULL OR a.owner_unit_id IS NOT NULL)
ON CONFLICT DO NOTHING;
