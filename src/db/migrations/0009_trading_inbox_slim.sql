CREATE TABLE "trading_stop_outs" (
	"account_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"closed_positions" text[] NOT NULL,
	CONSTRAINT "trading_stop_outs_account_id_seq_pk" PRIMARY KEY("account_id","seq")
);
--> statement-breakpoint
ALTER TABLE "trading_stop_outs" ADD CONSTRAINT "trading_stop_outs_account_id_trading_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."trading_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_inbox" DROP COLUMN "payload";