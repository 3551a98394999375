CREATE TABLE "support_bot_sessions" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"answers" integer DEFAULT 0 NOT NULL,
	"failed_answers" integer DEFAULT 0 NOT NULL,
	"last_article_id" uuid,
	"last_answer_seq" integer,
	"last_answer_at" timestamp with time zone,
	"handover_reason" text,
	"handed_over_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "bot" jsonb;--> statement-breakpoint
ALTER TABLE "support_bot_sessions" ADD CONSTRAINT "support_bot_sessions_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_bot_sessions_idle_idx" ON "support_bot_sessions" USING btree ("state","last_answer_at");