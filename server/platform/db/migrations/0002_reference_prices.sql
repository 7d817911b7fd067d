CREATE TABLE "inquiry_quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"valuation_id" text NOT NULL,
	"platform_name" text NOT NULL,
	"platform_url" text NOT NULL,
	"platform_ref" text,
	"status" text NOT NULL,
	"price" numeric(18, 2),
	"report_url" text,
	"reported_at" timestamp with time zone,
	"corrected_at" timestamp with time zone,
	"correction_count" integer DEFAULT 0 NOT NULL,
	"excluded" boolean DEFAULT false NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"consecutive_errors" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "valuation_objections" (
	"id" text PRIMARY KEY NOT NULL,
	"valuation_id" text NOT NULL,
	"quote_id" text,
	"party" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"resolution" text,
	"filed_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "preserved" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "appraisal_mandatory" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "seized_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "audit_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "valuations" ADD COLUMN "deadline_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "valuations" ADD COLUMN "extension_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "valuations" ADD COLUMN "report_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "valuations" ADD COLUMN "objection_window_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inquiry_quotes" ADD CONSTRAINT "inquiry_quotes_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_objections" ADD CONSTRAINT "valuation_objections_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_objections" ADD CONSTRAINT "valuation_objections_quote_id_inquiry_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."inquiry_quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_objections" ADD CONSTRAINT "valuation_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inquiry_quotes_valuation_idx" ON "inquiry_quotes" USING btree ("valuation_id");--> statement-breakpoint
CREATE INDEX "inquiry_quotes_due_idx" ON "inquiry_quotes" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "valuation_objections_valuation_idx" ON "valuation_objections" USING btree ("valuation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_id_number_key" ON "users" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "valuations_status_deadline_idx" ON "valuations" USING btree ("status","deadline_at");