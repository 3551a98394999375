CREATE TABLE "trading_stop_outs" (
	"account_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"closed_positions" text[] NOT NULL,
	CONSTRAINT "trading_stop_outs_account_id_seq_pk" PRIMARY KEY("account_id","seq")
);
--> statement-breakpoint
ALTER TABLE "trading_stop_outs" ADD CONSTRAINT "trading_stop_outs_account_id_trading_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."trading_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Stop-outs still inside the inbox window move to their own table before the raw events go.
INSERT INTO "trading_stop_outs" ("account_id", "seq", "occurred_at", "closed_positions")
SELECT "account_id", "seq", "occurred_at", array(SELECT jsonb_array_elements_text("payload"->'closedPositions'))
FROM "trading_inbox"
WHERE "type" = 'stop_out' AND jsonb_typeof("payload"->'closedPositions') = 'array'
  AND jsonb_array_length("payload"->'closedPositions') > 0
  AND "account_id" IN (SELECT "id" FROM "trading_accounts")
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "trading_inbox" DROP COLUMN "payload";