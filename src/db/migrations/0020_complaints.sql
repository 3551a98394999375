CREATE TABLE "complaint_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"from_level" text NOT NULL,
	"to_level" text NOT NULL,
	"by_id" uuid,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"language" text NOT NULL,
	"file_name" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"mailed_to" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_sequences" (
	"firm_code" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "complaint_sequences_firm_code_year_pk" PRIMARY KEY("firm_code","year")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"firm_code" text NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"conversation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"level" text DEFAULT 'agent' NOT NULL,
	"category" text NOT NULL,
	"product" text NOT NULL,
	"account" text NOT NULL,
	"amount_at_stake" bigint NOT NULL,
	"currency" text NOT NULL,
	"desired_outcome" text NOT NULL,
	"description" text NOT NULL,
	"language" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"time_zone" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"acknowledgement_due_at" timestamp with time zone NOT NULL,
	"final_response_due_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"final_response_at" timestamp with time zone,
	"warnings_sent" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next_warning_at" timestamp with time zone,
	"outcome" text,
	"redress_amount" bigint,
	"redress_currency" text,
	"handler_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_amount_ck" CHECK ("complaints"."amount_at_stake" >= 0),
	CONSTRAINT "complaints_redress_ck" CHECK ("complaints"."redress_amount" is null or "complaints"."redress_amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "kind" text DEFAULT 'conversation' NOT NULL;--> statement-breakpoint
ALTER TABLE "complaint_escalations" ADD CONSTRAINT "complaint_escalations_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_escalations" ADD CONSTRAINT "complaint_escalations_by_id_staff_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_letters" ADD CONSTRAINT "complaint_letters_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_letters" ADD CONSTRAINT "complaint_letters_created_by_id_staff_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_notes" ADD CONSTRAINT "complaint_notes_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_notes" ADD CONSTRAINT "complaint_notes_author_id_staff_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_handler_id_staff_users_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_created_by_id_staff_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_escalations_complaint_idx" ON "complaint_escalations" USING btree ("complaint_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_letters_complaint_uq" ON "complaint_letters" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "complaint_notes_complaint_idx" ON "complaint_notes" USING btree ("complaint_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_reference_uq" ON "complaints" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_sequence_uq" ON "complaints" USING btree ("firm_code","year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_conversation_uq" ON "complaints" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "complaints_client_idx" ON "complaints" USING btree ("client_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "complaints_next_warning_idx" ON "complaints" USING btree ("next_warning_at") WHERE "complaints"."next_warning_at" is not null;