CREATE TABLE "sim_accounts" (
	"login" text PRIMARY KEY NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trading_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"login" text NOT NULL,
	"kind" text NOT NULL,
	"currency" text NOT NULL,
	"leverage" integer NOT NULL,
	"balance" double precision DEFAULT 0 NOT NULL,
	"credit" double precision DEFAULT 0 NOT NULL,
	"equity" double precision DEFAULT 0 NOT NULL,
	"margin" double precision DEFAULT 0 NOT NULL,
	"free_margin" double precision DEFAULT 0 NOT NULL,
	"margin_level" double precision,
	"net_deposits" double precision DEFAULT 0 NOT NULL,
	"state_seq" bigint DEFAULT 0 NOT NULL,
	"state_at" timestamp with time zone,
	"last_trade_at" timestamp with time zone,
	"online" boolean DEFAULT false NOT NULL,
	"online_since" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"presence_seq" bigint DEFAULT 0 NOT NULL,
	"seq_contiguous" bigint DEFAULT 0 NOT NULL,
	"seq_high" bigint DEFAULT 0 NOT NULL,
	"margin_call_at" timestamp with time zone,
	"stop_out_at" timestamp with time zone,
	"alerts_checked_at" timestamp with time zone,
	"alerts_dirty_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trading_alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"account_kind" text DEFAULT 'live' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trading_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" double precision,
	"threshold" double precision,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"task_id" uuid,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "trading_balance_ops" (
	"account_id" uuid NOT NULL,
	"op_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount" double precision NOT NULL,
	"comment" text,
	"executed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trading_balance_ops_account_id_op_id_pk" PRIMARY KEY("account_id","op_id")
);
--> statement-breakpoint
CREATE TABLE "trading_deals" (
	"account_id" uuid NOT NULL,
	"deal_id" text NOT NULL,
	"position_id" text,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"entry" text NOT NULL,
	"volume" double precision NOT NULL,
	"price" double precision NOT NULL,
	"profit" double precision DEFAULT 0 NOT NULL,
	"commission" double precision DEFAULT 0 NOT NULL,
	"swap" double precision DEFAULT 0 NOT NULL,
	"executed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trading_deals_account_id_deal_id_pk" PRIMARY KEY("account_id","deal_id")
);
--> statement-breakpoint
CREATE TABLE "trading_equity_points" (
	"account_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"balance" double precision NOT NULL,
	"equity" double precision NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "trading_equity_points_account_id_minute_pk" PRIMARY KEY("account_id","minute")
);
--> statement-breakpoint
CREATE TABLE "trading_gaps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "trading_inbox" (
	"event_id" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trading_ingest_batches" (
	"webhook_id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"result" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trading_positions" (
	"account_id" uuid NOT NULL,
	"position_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"volume" double precision NOT NULL,
	"open_price" double precision NOT NULL,
	"current_price" double precision NOT NULL,
	"stop_loss" double precision,
	"take_profit" double precision,
	"profit" double precision DEFAULT 0 NOT NULL,
	"swap" double precision DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"seq" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trading_positions_account_id_position_id_pk" PRIMARY KEY("account_id","position_id")
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "online_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trading_accounts" ADD CONSTRAINT "trading_accounts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_alerts" ADD CONSTRAINT "trading_alerts_rule_id_trading_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."trading_alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_alerts" ADD CONSTRAINT "trading_alerts_account_id_trading_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."trading_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_alerts" ADD CONSTRAINT "trading_alerts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_balance_ops" ADD CONSTRAINT "trading_balance_ops_account_id_trading_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."trading_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_deals" ADD CONSTRAINT "trading_deals_account_id_trading_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."trading_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_equity_points" ADD CONSTRAINT "trading_equity_points_account_id_trading_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."trading_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_gaps" ADD CONSTRAINT "trading_gaps_account_id_trading_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."trading_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_positions" ADD CONSTRAINT "trading_positions_account_id_trading_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."trading_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trading_accounts_login_uq" ON "trading_accounts" USING btree ("platform","login");--> statement-breakpoint
CREATE INDEX "trading_accounts_client_idx" ON "trading_accounts" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "trading_accounts_online_idx" ON "trading_accounts" USING btree ("last_seen_at") WHERE "trading_accounts"."online";--> statement-breakpoint
CREATE INDEX "trading_accounts_dirty_idx" ON "trading_accounts" USING btree ("alerts_dirty_at") WHERE "trading_accounts"."alerts_dirty_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "trading_alerts_open_uq" ON "trading_alerts" USING btree ("rule_id","account_id") WHERE "trading_alerts"."cleared_at" is null;--> statement-breakpoint
CREATE INDEX "trading_alerts_client_idx" ON "trading_alerts" USING btree ("client_id","raised_at");--> statement-breakpoint
CREATE INDEX "trading_balance_ops_time_idx" ON "trading_balance_ops" USING btree ("account_id","executed_at");--> statement-breakpoint
CREATE INDEX "trading_deals_time_idx" ON "trading_deals" USING btree ("account_id","executed_at");--> statement-breakpoint
CREATE INDEX "trading_gaps_open_idx" ON "trading_gaps" USING btree ("account_id","from_seq") WHERE "trading_gaps"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "trading_inbox_account_seq_uq" ON "trading_inbox" USING btree ("account_id","seq");--> statement-breakpoint
CREATE INDEX "trading_inbox_received_idx" ON "trading_inbox" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "trading_ingest_batches_received_idx" ON "trading_ingest_batches" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "trading_positions_open_idx" ON "trading_positions" USING btree ("account_id") WHERE not "trading_positions"."closed";--> statement-breakpoint
CREATE INDEX "clients_online_idx" ON "clients" USING btree ("online_since") WHERE "clients"."online_since" is not null;