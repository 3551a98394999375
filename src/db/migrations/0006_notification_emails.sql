ALTER TABLE "notifications" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_unemailed_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."emailed_at" is null;--> statement-breakpoint
-- Notifications from before this release are not emailed retroactively.
UPDATE "notifications" SET "emailed_at" = now() WHERE "emailed_at" IS NULL;
