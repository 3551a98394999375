ALTER TABLE "conversation_messages" ADD COLUMN "sentiment_score" real;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "sentiment_flag" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sentiment_score" real;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sentiment_flag" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "negative_run" integer DEFAULT 0 NOT NULL;