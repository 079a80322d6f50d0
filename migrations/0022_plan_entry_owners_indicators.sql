ALTER TABLE "plan_action" ADD COLUMN "owner_person_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_indicator" ADD COLUMN "action_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_objective" ADD COLUMN "owner_person_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_action" ADD CONSTRAINT "plan_action_owner_person_id_person_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicator" ADD CONSTRAINT "plan_indicator_action_id_plan_action_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_action"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objective" ADD CONSTRAINT "plan_objective_owner_person_id_person_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_action_person_idx" ON "plan_action" USING btree ("organisation_id","owner_person_id");--> statement-breakpoint
CREATE INDEX "plan_indicator_action_idx" ON "plan_indicator" USING btree ("action_id") WHERE action_id IS NOT NULL;--> statement-breakpoint
-- Owners that are accounts get the staff member (HR list) linked to that account in the same
-- organisation, the most recent one if several: the owner field then shows the person, and the
-- person's current account stays the owner for rights and reminders.
SELECT set_config('kompas.scope', 'system', true);
--> statement-breakpoint
UPDATE plan_action a SET owner_person_id = pe.id
  FROM (SELECT DISTINCT ON (organisation_id, user_id) id, organisation_id, user_id FROM person
         WHERE user_id IS NOT NULL ORDER BY organisation_id, user_id, end_date DESC NULLS FIRST, start_date DESC, id) pe
 WHERE pe.organisation_id = a.organisation_id AND pe.user_id = a.owner_user_id AND a.owner_person_id IS NULL;
--> statement-breakpoint
UPDATE plan_objective o SET owner_person_id = pe.id
  FROM (SELECT DISTINCT ON (organisation_id, user_id) id, organisation_id, user_id FROM person
         WHERE user_id IS NOT NULL ORDER BY organisation_id, user_id, end_date DESC NULLS FIRST, start_date DESC, id) pe
 WHERE pe.organisation_id = o.organisation_id AND pe.user_id = o.owner_user_id AND o.owner_person_id IS NULL;
