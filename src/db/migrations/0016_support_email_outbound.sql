ALTER TABLE "support_message_ids" ADD COLUMN "outbound" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The desk's own ids so far: those its outbox mailed (acknowledgements, agents' replies).
UPDATE "support_message_ids" SET "outbound" = true WHERE "message_id" IN (SELECT "headers"->>'messageId' FROM "mail_outbox" WHERE "headers" IS NOT NULL);
