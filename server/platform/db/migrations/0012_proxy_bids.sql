CREATE TABLE "proxy_bids" (
	"id" text PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"registration_id" text NOT NULL,
	"user_id" text NOT NULL,
	"max_amount" numeric(18, 2) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "proxy_bids_one_in_force_key" ON "proxy_bids" USING btree ("registration_id") WHERE "proxy_bids"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "proxy_bids_lot_idx" ON "proxy_bids" USING btree ("lot_id");