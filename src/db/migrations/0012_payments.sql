CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "fx_rates" (
	"from_currency" text NOT NULL,
	"to_currency" text NOT NULL,
	"rate" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fx_rates_from_currency_to_currency_pk" PRIMARY KEY("from_currency","to_currency")
);
--> statement-breakpoint
CREATE TABLE "payment_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"login" text NOT NULL,
	"entry" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"request_amount" bigint NOT NULL,
	"request_currency" text NOT NULL,
	"rate" text,
	"fee" bigint DEFAULT 0 NOT NULL,
	"provider_ref" text,
	"platform_op_id" text,
	"actor" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"direction" text NOT NULL,
	"client_id" uuid NOT NULL,
	"login" text NOT NULL,
	"system_id" uuid NOT NULL,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"account_currency" text NOT NULL,
	"account_amount" bigint,
	"rate" text,
	"fee" bigint DEFAULT 0 NOT NULL,
	"reference" text,
	"provider" text,
	"provider_ref" text,
	"provider_amount" bigint,
	"reject_reason_code" text,
	"reject_note" text,
	"requested_by" text NOT NULL,
	"executed_by" uuid,
	"first_approver_id" uuid,
	"second_approver_id" uuid,
	"platform_op_id" text,
	"posted_at" timestamp with time zone,
	"pending_reversals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"problem" text,
	"problem_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"executed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_systems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"provider" text,
	"currencies" text[] NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_amount" bigint DEFAULT 0 NOT NULL,
	"max_amount" bigint,
	"fee_percent" integer DEFAULT 0 NOT NULL,
	"fee_fixed" bigint DEFAULT 0 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"instructions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"directions" text[] DEFAULT '{deposit}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_platform_postings" (
	"op_id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"request_id" uuid NOT NULL,
	"login" text NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"posted_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_callbacks" (
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"request_id" uuid,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "provider_callbacks_provider_event_id_pk" PRIMARY KEY("provider","event_id")
);
--> statement-breakpoint
ALTER TABLE "assignment_rules" ADD COLUMN "kind" text DEFAULT 'on_create' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "ftd_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "ftd_amount" bigint;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "net_deposits" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "last_deposit_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "payment_problem" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "payment_problem_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_ledger" ADD CONSTRAINT "payment_ledger_request_id_payment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."payment_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_system_id_payment_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."payment_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_platform_postings" ADD CONSTRAINT "payment_platform_postings_request_id_payment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."payment_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_ledger_platform_op_uq" ON "payment_ledger" USING btree ("platform_op_id") WHERE "payment_ledger"."platform_op_id" is not null;--> statement-breakpoint
CREATE INDEX "payment_ledger_request_idx" ON "payment_ledger" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "payment_ledger_login_idx" ON "payment_ledger" USING btree ("login","at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_requests_provider_ref_uq" ON "payment_requests" USING btree ("provider","provider_ref") WHERE "payment_requests"."provider_ref" is not null;--> statement-breakpoint
CREATE INDEX "payment_requests_client_idx" ON "payment_requests" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_requests_status_idx" ON "payment_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "payment_requests_created_idx" ON "payment_requests" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "payment_requests_login_idx" ON "payment_requests" USING btree ("login");--> statement-breakpoint
CREATE INDEX "payment_requests_problem_idx" ON "payment_requests" USING btree ("problem","created_at") WHERE "payment_requests"."problem" is not null;--> statement-breakpoint
CREATE INDEX "payment_platform_postings_due_idx" ON "payment_platform_postings" USING btree ("next_attempt_at") WHERE "payment_platform_postings"."posted_at" is null;--> statement-breakpoint
CREATE INDEX "payment_platform_postings_request_idx" ON "payment_platform_postings" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "provider_callbacks_received_idx" ON "provider_callbacks" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "clients_ftd_idx" ON "clients" USING btree ("ftd_at","id");--> statement-breakpoint
CREATE INDEX "clients_net_deposits_idx" ON "clients" USING btree ("net_deposits","id");--> statement-breakpoint
CREATE INDEX "clients_last_deposit_idx" ON "clients" USING btree ("last_deposit_at","id");--> statement-breakpoint
CREATE INDEX "clients_payment_problem_idx" ON "clients" USING btree ("payment_problem_at") WHERE "clients"."payment_problem" is not null;--> statement-breakpoint
-- The payment ledger is append-only like the event log: a correction is a new entry, never an edit.
CREATE OR REPLACE FUNCTION payment_ledger_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payment_ledger is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payment_ledger_append_only BEFORE UPDATE OR DELETE ON payment_ledger
  FOR EACH ROW EXECUTE FUNCTION payment_ledger_forbid_change();
--> statement-breakpoint
CREATE TRIGGER payment_ledger_no_truncate BEFORE TRUNCATE ON payment_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION payment_ledger_forbid_change();
