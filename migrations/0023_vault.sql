CREATE TABLE "org_escrow_key" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"public_key" "bytea" NOT NULL,
	"fingerprint" text NOT NULL,
	"receipt_salt" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_key" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"created_on" date DEFAULT CURRENT_DATE NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_key_grant" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"record_key_id" uuid NOT NULL,
	"holder_kind" text NOT NULL,
	"user_id" uuid,
	"sealed_to" text,
	"sealed_key" "bytea" NOT NULL,
	"salt" "bytea",
	"expires_at" timestamp with time zone,
	"granted_by" uuid,
	"created_on" date DEFAULT CURRENT_DATE NOT NULL,
	CONSTRAINT "record_key_grant_kind_chk" CHECK ("record_key_grant"."holder_kind" IN ('user', 'escrow', 'secret')),
	CONSTRAINT "record_key_grant_user_chk" CHECK (("record_key_grant"."holder_kind" = 'user') = ("record_key_grant"."user_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "user_key" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"public_key" "bytea" NOT NULL,
	"fingerprint" text NOT NULL,
	"sealed_private_key" "bytea" NOT NULL,
	"kdf_salt" "bytea" NOT NULL,
	"kdf_memory_kib" integer NOT NULL,
	"kdf_iterations" integer NOT NULL,
	"secret_kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_key_secret_kind_chk" CHECK ("user_key"."secret_kind" IN ('password', 'passphrase'))
);
--> statement-breakpoint
ALTER TABLE "org_escrow_key" ADD CONSTRAINT "org_escrow_key_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_escrow_key" ADD CONSTRAINT "org_escrow_key_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_key" ADD CONSTRAINT "record_key_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_key_grant" ADD CONSTRAINT "record_key_grant_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_key_grant" ADD CONSTRAINT "record_key_grant_record_key_id_record_key_id_fk" FOREIGN KEY ("record_key_id") REFERENCES "public"."record_key"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_key_grant" ADD CONSTRAINT "record_key_grant_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_key_grant" ADD CONSTRAINT "record_key_grant_granted_by_app_user_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_key" ADD CONSTRAINT "user_key_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "record_key_record_uq" ON "record_key" USING btree ("organisation_id","record_type","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_key_grant_user_uq" ON "record_key_grant" USING btree ("record_key_id","user_id") WHERE "record_key_grant"."holder_kind" = 'user';--> statement-breakpoint
CREATE UNIQUE INDEX "record_key_grant_escrow_uq" ON "record_key_grant" USING btree ("record_key_id") WHERE "record_key_grant"."holder_kind" = 'escrow';--> statement-breakpoint
CREATE INDEX "record_key_grant_user_idx" ON "record_key_grant" USING btree ("user_id");--> statement-breakpoint
-- Row-level security like every tenant table. user_key is the person's, like app_user (no organisation).
ALTER TABLE org_escrow_key ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE org_escrow_key FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_escrow_key_tenant ON org_escrow_key USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE record_key ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE record_key FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY record_key_tenant ON record_key USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE record_key_grant ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE record_key_grant FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY record_key_grant_tenant ON record_key_grant USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
-- Sealed keys and salts do not compress.
ALTER TABLE record_key_grant ALTER COLUMN sealed_key SET STORAGE EXTERNAL;
