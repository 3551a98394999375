CREATE TABLE "report_active_months" (
	"month" date NOT NULL,
	"client_id" uuid NOT NULL,
	"staff_id" uuid,
	"team_id" uuid,
	"country" text,
	CONSTRAINT "report_active_months_pk" PRIMARY KEY("month","client_id")
);
--> statement-breakpoint
CREATE TABLE "report_clients" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text,
	"source" text,
	"campaign" text,
	"staff_id" uuid,
	"team_id" uuid,
	"sales_staff_id" uuid,
	"sales_team_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"demo_at" timestamp with time zone,
	"live_at" timestamp with time zone,
	"ftd_at" timestamp with time zone,
	"ftd_amount" bigint,
	"ftd_staff_id" uuid,
	"ftd_team_id" uuid,
	"last_active_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_complaints" (
	"complaint_id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"answered" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_conversations" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	"replies" integer DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone,
	"fcr" boolean DEFAULT false NOT NULL,
	"fr_breached" boolean DEFAULT false NOT NULL,
	"nr_breached" boolean DEFAULT false NOT NULL,
	"res_breached" boolean DEFAULT false NOT NULL,
	"fcr_staff_id" uuid,
	"fcr_team_id" uuid,
	"fcr_channel" text,
	"fcr_language" text
);
--> statement-breakpoint
CREATE TABLE "report_cursor" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"event_id" bigint DEFAULT 0 NOT NULL,
	"metric_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_daily" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"staff_key" text DEFAULT '' NOT NULL,
	"team_key" text DEFAULT '' NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"language" text DEFAULT '' NOT NULL,
	"country" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"campaign" text DEFAULT '' NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"cal_ms" bigint DEFAULT 0 NOT NULL,
	"bus_ms" bigint DEFAULT 0 NOT NULL,
	"score" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_daily_pk" PRIMARY KEY("kind","day","staff_key","team_key","channel","language","country","source","campaign","detail")
);
--> statement-breakpoint
CREATE TABLE "report_facts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_facts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"src" text NOT NULL,
	"src_id" bigint NOT NULL,
	"seq" smallint DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"how" smallint NOT NULL,
	"client_id" uuid,
	"client_name" text,
	"conversation_id" uuid,
	"staff_id" uuid,
	"team_id" uuid,
	"channel" text,
	"language" text,
	"country" text,
	"source" text,
	"campaign" text,
	"n" integer DEFAULT 1 NOT NULL,
	"amount" bigint,
	"cal_ms" bigint,
	"bus_ms" bigint,
	"score" integer,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "report_staff" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid
);
--> statement-breakpoint
CREATE INDEX "report_clients_created_idx" ON "report_clients" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "report_clients_ftd_idx" ON "report_clients" USING btree ("ftd_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_facts_src_uq" ON "report_facts" USING btree ("src","src_id","seq");--> statement-breakpoint
CREATE INDEX "report_facts_kind_at_idx" ON "report_facts" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "report_facts_kind_staff_idx" ON "report_facts" USING btree ("kind","staff_id","at");--> statement-breakpoint
CREATE INDEX "report_facts_kind_team_idx" ON "report_facts" USING btree ("kind","team_id","at");--> statement-breakpoint
CREATE INDEX "report_facts_kind_cal_idx" ON "report_facts" USING btree ("kind","day","cal_ms");--> statement-breakpoint
CREATE INDEX "report_facts_conversation_idx" ON "report_facts" USING btree ("conversation_id","kind") WHERE "report_facts"."conversation_id" is not null;