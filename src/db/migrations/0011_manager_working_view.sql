ALTER TABLE "staff_users" ADD COLUMN "muted_notifications" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "last_contact_at" timestamp with time zone;--> statement-breakpoint
-- Last contact of existing clients from their history: the newest comment or task done by staff.
UPDATE "clients" SET "last_contact_at" = "contact"."at"
FROM (
  SELECT "subject_id", max("created_at") AS "at" FROM "events"
  WHERE "subject_type" = 'client' AND "actor_kind" = 'staff'
    AND "type" IN ('client.comment_added', 'client.task_done')
  GROUP BY "subject_id"
) AS "contact"
WHERE "clients"."id"::text = "contact"."subject_id";--> statement-breakpoint
CREATE INDEX "clients_last_contact_idx" ON "clients" USING btree ("last_contact_at" NULLS FIRST,"id");
