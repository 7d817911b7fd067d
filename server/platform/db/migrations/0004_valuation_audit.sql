CREATE TABLE "valuation_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"asset_id" text NOT NULL,
	"valuation_id" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"data" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "valuation_audit_head" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "valuation_audit_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "valuation_audit" ADD CONSTRAINT "valuation_audit_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "valuation_audit" ADD CONSTRAINT "valuation_audit_valuation_id_valuations_id_fk" FOREIGN KEY ("valuation_id") REFERENCES "public"."valuations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "valuation_audit_asset_seq_key" ON "valuation_audit" USING btree ("asset_id","seq");--> statement-breakpoint
CREATE INDEX "valuation_audit_valuation_idx" ON "valuation_audit" USING btree ("valuation_id");