DROP INDEX "trading_accounts_online_idx";--> statement-breakpoint
CREATE INDEX "trading_accounts_online_idx" ON "trading_accounts" USING btree ("id") WHERE "trading_accounts"."online";