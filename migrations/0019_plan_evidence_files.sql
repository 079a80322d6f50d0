-- Plan evidence moves onto the platform's file store (issue 16): each file becomes a stored_file row
-- (record type 'plan_action', record id the action, same id as its evidence row), and the evidence
-- row keeps the plan's side (plan version, action, name, size, digest) with file_id pointing at it.
-- The content is copied as it is. That is sound because the platform's sealing binds no associated
-- data to a value (libsodium secretbox under the 'files' sub-key, no table, row or organisation in
-- the box): a box opens with the same key wherever it is stored, so there is nothing to re-seal in
-- Node. Plain content (rows from before sealing) stays plain in stored_file until the boot step
-- (sealPlainValues) seals it, as it would have in plan_action_evidence. The copy is one set-based
-- statement inside the migration's transaction: an installation never has evidence half moved.
ALTER TABLE "plan_action_evidence" ALTER COLUMN "data" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_action_evidence" ADD COLUMN "file_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_action_evidence" ADD CONSTRAINT "plan_action_evidence_file_id_stored_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_file"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_evidence" ADD CONSTRAINT "plan_action_evidence_file_uq" UNIQUE("file_id");--> statement-breakpoint
ALTER TABLE "plan_action_evidence" ADD CONSTRAINT "plan_action_evidence_content_chk" CHECK (("plan_action_evidence"."file_id" IS NULL) <> ("plan_action_evidence"."data" IS NULL));
--> statement-breakpoint
-- The owner role is subject to the forced row-level security when it is not a superuser: move every organisation's rows.
SELECT set_config('kompas.scope', 'system', true);
--> statement-breakpoint
INSERT INTO stored_file (id, organisation_id, record_type, record_id, filename, media_type, size, sha256, content, created_by, created_at)
SELECT id, organisation_id, 'plan_action', action_id, filename, content_type, size, sha256, data, uploaded_by, uploaded_at
  FROM plan_action_evidence WHERE file_id IS NULL;
--> statement-breakpoint
UPDATE plan_action_evidence SET file_id = id, data = NULL WHERE file_id IS NULL;
--> statement-breakpoint
SELECT set_config('kompas.scope', '', true);
--> statement-breakpoint
-- An action's files go with it, also when it goes by a cascade (its objective or its plan deleted).
CREATE TRIGGER plan_action_files AFTER DELETE ON plan_action REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION stored_file_delete_with_record('plan_action');
