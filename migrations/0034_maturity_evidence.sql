CREATE TABLE "maturity_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"measurement_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"assessor_user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text,
	"media_type" text,
	"size" integer,
	"record_kind" text,
	"record_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_evidence_link_uq" UNIQUE("measurement_id","criterion_id","assessor_user_id","record_kind","record_id"),
	CONSTRAINT "maturity_evidence_kind_ck" CHECK (("maturity_evidence"."kind" = 'file' AND "maturity_evidence"."filename" IS NOT NULL AND "maturity_evidence"."media_type" IS NOT NULL AND "maturity_evidence"."size" IS NOT NULL AND "maturity_evidence"."record_kind" IS NULL AND "maturity_evidence"."record_id" IS NULL)
    OR ("maturity_evidence"."kind" = 'link' AND "maturity_evidence"."record_kind" IS NOT NULL AND "maturity_evidence"."record_id" IS NOT NULL AND "maturity_evidence"."filename" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "maturity_evidence" ADD CONSTRAINT "maturity_evidence_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_evidence" ADD CONSTRAINT "maturity_evidence_measurement_id_maturity_measurement_id_fk" FOREIGN KEY ("measurement_id") REFERENCES "public"."maturity_measurement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_evidence" ADD CONSTRAINT "maturity_evidence_criterion_id_maturity_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."maturity_criterion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_evidence" ADD CONSTRAINT "maturity_evidence_assessor_fk" FOREIGN KEY ("measurement_id","assessor_user_id") REFERENCES "public"."maturity_assessor"("measurement_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maturity_evidence_measurement_idx" ON "maturity_evidence" USING btree ("organisation_id","measurement_id","criterion_id");--> statement-breakpoint
ALTER TABLE maturity_evidence ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_evidence FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY maturity_evidence_tenant ON maturity_evidence USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
-- An evidence file goes with its row, also when the row goes by a cascade (the assessor taken off
-- the measurement, the measurement deleted).
CREATE TRIGGER maturity_evidence_files AFTER DELETE ON maturity_evidence REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION stored_file_delete_with_record('maturity_evidence');
