CREATE TABLE "stored_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_file_size_chk" CHECK ("stored_file"."size" >= 0)
);
--> statement-breakpoint
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_file_record_idx" ON "stored_file" USING btree ("organisation_id","record_type","record_id");--> statement-breakpoint
ALTER TABLE stored_file ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE stored_file FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY stored_file_tenant ON stored_file USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
-- Sealed content does not compress: store it out of line without trying.
ALTER TABLE stored_file ALTER COLUMN content SET STORAGE EXTERNAL;
--> statement-breakpoint
-- Deletion with the record, also when the record goes by a cascade: a module attaches this to its
-- record table, naming the record type its files are stored under, e.g.
--   CREATE TRIGGER plan_action_files AFTER DELETE ON plan_action REFERENCING OLD TABLE AS gone
--     FOR EACH STATEMENT EXECUTE FUNCTION stored_file_delete_with_record('plan_action');
-- The record table needs columns id and organisation_id. Runs as the caller: row-level security applies.
CREATE FUNCTION stored_file_delete_with_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stored_file f USING gone g
   WHERE f.organisation_id = g.organisation_id AND f.record_type = TG_ARGV[0] AND f.record_id = g.id;
  RETURN NULL;
END
$$;
