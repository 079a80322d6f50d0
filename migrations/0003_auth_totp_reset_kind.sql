ALTER TABLE "app_user" ADD COLUMN "totp_pending_secret" text;--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "password_reset" ADD COLUMN "kind" text DEFAULT 'reset' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "app_user_oidc_uq" ON "app_user" USING btree ("oidc_issuer","oidc_subject");--> statement-breakpoint
CREATE INDEX "password_reset_user_idx" ON "password_reset" USING btree ("user_id");