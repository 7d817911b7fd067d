CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_holders" (
	"id" text PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"user_id" text NOT NULL,
	"rank" integer NOT NULL,
	"priority_code" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "priority_match" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "prev_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "notices_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "suspended_remaining_ms" bigint;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "suspended_from_status" text;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "previous_lot_id" text;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "window_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "balance_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "balance_paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "balance_bank_reference" text;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "defaulted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "creditor_takeover" jsonb;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "bid_head" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "audit_head" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "priority_rank" integer;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_holders" ADD CONSTRAINT "priority_holders_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_holders" ADD CONSTRAINT "priority_holders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_holders" ADD CONSTRAINT "priority_holders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_lot_seq_key" ON "audit_log" USING btree ("lot_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "priority_holders_lot_user_key" ON "priority_holders" USING btree ("lot_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "priority_holders_code_key" ON "priority_holders" USING btree ("lot_id","priority_code");