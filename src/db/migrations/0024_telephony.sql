CREATE TABLE "call_recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"client_id" uuid,
	"provider" text NOT NULL,
	"source_url" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"duration_sec" integer,
	"storage_key" text,
	"mime_type" text,
	"size" bigint,
	"sha256" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"error" text,
	"stored_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_callbacks" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"name" text,
	"language" text NOT NULL,
	"preferred_at" timestamp with time zone,
	"via" text NOT NULL,
	"call_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"provider_call_id" text NOT NULL,
	"call_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"body" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"direction" text NOT NULL,
	"state" text DEFAULT 'dialing' NOT NULL,
	"provider" text NOT NULL,
	"provider_call_id" text,
	"staff_id" uuid,
	"extension" text,
	"client_id" uuid,
	"number" text NOT NULL,
	"conversation_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"ringing_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_cause" text,
	"duration_sec" integer,
	"recording_url" text,
	"recording_duration_sec" integer,
	"disposition" text,
	"note" text,
	"disposition_by" uuid,
	"disposition_at" timestamp with time zone,
	"missed_task_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_direction_ck" CHECK ("calls"."direction" in ('outbound', 'inbound')),
	CONSTRAINT "calls_state_ck" CHECK ("calls"."state" in ('dialing', 'ringing', 'answered', 'ended'))
);
--> statement-breakpoint
CREATE TABLE "staff_extensions" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"extension" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_recordings" ADD CONSTRAINT "call_recordings_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_callbacks" ADD CONSTRAINT "support_callbacks_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_events" ADD CONSTRAINT "call_events_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_disposition_by_staff_users_id_fk" FOREIGN KEY ("disposition_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_extensions" ADD CONSTRAINT "staff_extensions_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_recordings_call_uq" ON "call_recordings" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "call_recordings_status_idx" ON "call_recordings" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "support_callbacks_open_idx" ON "support_callbacks" USING btree ("closed_at","preferred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "call_events_provider_event_uq" ON "call_events" USING btree ("provider","event_id");--> statement-breakpoint
CREATE INDEX "call_events_call_idx" ON "call_events" USING btree ("call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_provider_call_uq" ON "calls" USING btree ("provider","provider_call_id");--> statement-breakpoint
CREATE INDEX "calls_client_idx" ON "calls" USING btree ("client_id","started_at");--> statement-breakpoint
CREATE INDEX "calls_staff_live_idx" ON "calls" USING btree ("staff_id","started_at") WHERE "calls"."state" <> 'ended';--> statement-breakpoint
CREATE UNIQUE INDEX "staff_extensions_extension_uq" ON "staff_extensions" USING btree ("extension");