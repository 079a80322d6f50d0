ALTER TABLE "plan_evaluation" ADD COLUMN "submitted_by" uuid;--> statement-breakpoint
ALTER TABLE "plan_evaluation" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plan_evaluation" ADD CONSTRAINT "plan_evaluation_submitted_by_app_user_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;