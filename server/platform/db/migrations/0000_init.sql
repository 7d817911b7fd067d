CREATE TABLE "assets" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" text PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"seq" integer NOT NULL,
	"registration_id" text NOT NULL,
	"user_id" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"client_bid_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ends_at_after" timestamp with time zone NOT NULL,
	"extended" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"court" text NOT NULL,
	"applicant" text NOT NULL,
	"respondent" text NOT NULL,
	"claim_amount" numeric(18, 2) NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"memo" text NOT NULL,
	"registration_id" text,
	"lot_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_lines" (
	"entry_id" bigint NOT NULL,
	"line" integer NOT NULL,
	"account" text NOT NULL,
	"debit" numeric(18, 2) DEFAULT '0' NOT NULL,
	"credit" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "ledger_lines_entry_id_line_pk" PRIMARY KEY("entry_id","line")
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" text PRIMARY KEY NOT NULL,
	"asset_id" text NOT NULL,
	"valuation_id" text,
	"round" text NOT NULL,
	"status" text NOT NULL,
	"starting_price" numeric(18, 2) NOT NULL,
	"bid_increment" numeric(18, 2) NOT NULL,
	"deposit" numeric(18, 2) NOT NULL,
	"reference_price" numeric(18, 2),
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"scheduled_ends_at" timestamp with time zone NOT NULL,
	"balance_due_days" integer NOT NULL,
	"announcement" text DEFAULT '' NOT NULL,
	"announced_at" timestamp with time zone,
	"current_price" numeric(18, 2),
	"leading_registration_id" text,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"final_price" numeric(18, 2),
	"winner_registration_id" text,
	"closed_at" timestamp with time zone,
	"seq" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" text PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"user_id" text NOT NULL,
	"bidder_code" text NOT NULL,
	"deposit_status" text NOT NULL,
	"deposit_amount" numeric(18, 2) NOT NULL,
	"payment_reference" text NOT NULL,
	"bank_reference" text,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" text,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"roles" text[] DEFAULT ARRAY['bidder']::text[] NOT NULL,
	"real_name" text,
	"id_number" text,
	"identity_verified_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "valuations" (
	"id" text PRIMARY KEY NOT NULL,
	"asset_id" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"reference_price" numeric(18, 2),
	"effective_at" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuations" ADD CONSTRAINT "valuations_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuations" ADD CONSTRAINT "valuations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assets_case_idx" ON "assets" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_lot_seq_key" ON "bids" USING btree ("lot_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_user_client_id_key" ON "bids" USING btree ("user_id","client_bid_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_court_number_key" ON "cases" USING btree ("court","case_number");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_idempotency_key" ON "ledger_entries" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "ledger_lines_account_idx" ON "ledger_lines" USING btree ("account");--> statement-breakpoint
CREATE INDEX "lots_status_starts_idx" ON "lots" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "lots_status_ends_idx" ON "lots" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "lots_asset_idx" ON "lots" USING btree ("asset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_lot_user_key" ON "registrations" USING btree ("lot_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_lot_code_key" ON "registrations" USING btree ("lot_id","bidder_code");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_payment_ref_key" ON "registrations" USING btree ("payment_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_bank_ref_key" ON "registrations" USING btree ("bank_reference");--> statement-breakpoint
CREATE INDEX "registrations_deposit_status_idx" ON "registrations" USING btree ("deposit_status");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "valuations_asset_idx" ON "valuations" USING btree ("asset_id","created_at");