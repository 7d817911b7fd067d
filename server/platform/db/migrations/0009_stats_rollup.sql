CREATE TABLE "auction_facts" (
	"lot_id" text PRIMARY KEY NOT NULL,
	"court" text NOT NULL,
	"kind" text NOT NULL,
	"round" text NOT NULL,
	"outcome" text NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"month" text NOT NULL,
	"starting_price" numeric(18, 2) NOT NULL,
	"reference_price" numeric(18, 2),
	"final_price" numeric(18, 2),
	"commission" numeric NOT NULL,
	"bidders" integer NOT NULL,
	"bids" integer NOT NULL,
	"extensions" integer NOT NULL,
	"loser_deposits" integer NOT NULL,
	"loser_refunded_24h" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_dirty" (
	"lot_id" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_monthly" (
	"court" text NOT NULL,
	"kind" text NOT NULL,
	"round" text NOT NULL,
	"month" text NOT NULL,
	"finished" integer NOT NULL,
	"sold" integer NOT NULL,
	"defaulted" integer NOT NULL,
	"unsold" integer NOT NULL,
	"turnover" numeric NOT NULL,
	"starting" numeric NOT NULL,
	"reference" numeric NOT NULL,
	"commission" numeric NOT NULL,
	"bidders" bigint NOT NULL,
	"bids" bigint NOT NULL,
	"extensions" bigint NOT NULL,
	"loser_deposits" bigint NOT NULL,
	"loser_refunded_24h" bigint NOT NULL,
	CONSTRAINT "stats_monthly_court_kind_round_month_pk" PRIMARY KEY("court","kind","round","month")
);
--> statement-breakpoint
CREATE INDEX "auction_facts_closed_at_idx" ON "auction_facts" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "auction_facts_court_closed_at_idx" ON "auction_facts" USING btree ("court","closed_at");--> statement-breakpoint
CREATE INDEX "stats_monthly_month_idx" ON "stats_monthly" USING btree ("month");--> statement-breakpoint
-- A finished lot is marked for the statistics whenever something it is counted by changes. The bid path
-- is untouched: a live lot's updates do not match the trigger's condition.
CREATE FUNCTION stats_mark_lot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_dirty (lot_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lots_stats_insert AFTER INSERT ON lots FOR EACH ROW
  WHEN (NEW.closed_at IS NOT NULL) EXECUTE FUNCTION stats_mark_lot();
--> statement-breakpoint
CREATE TRIGGER lots_stats_update AFTER UPDATE ON lots FOR EACH ROW
  WHEN ((NEW.closed_at IS NOT NULL OR OLD.closed_at IS NOT NULL)
    AND (OLD.status, OLD.closed_at, OLD.round, OLD.asset_id, OLD.starting_price, OLD.reference_price, OLD.final_price,
         OLD.bid_count, OLD.extension_count, OLD.winner_registration_id)
    IS DISTINCT FROM (NEW.status, NEW.closed_at, NEW.round, NEW.asset_id, NEW.starting_price, NEW.reference_price, NEW.final_price,
         NEW.bid_count, NEW.extension_count, NEW.winner_registration_id))
  EXECUTE FUNCTION stats_mark_lot();
--> statement-breakpoint
-- A loser's deposit released, an online hold cancelled: its lot's refunded-within-24h count may change.
CREATE FUNCTION stats_mark_registration_lot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_dirty (lot_id)
    SELECT l.id FROM lots l WHERE l.id = NEW.lot_id AND l.closed_at IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_stats_update AFTER UPDATE ON registrations FOR EACH ROW
  WHEN ((OLD.deposit_status, OLD.settled_at) IS DISTINCT FROM (NEW.deposit_status, NEW.settled_at))
  EXECUTE FUNCTION stats_mark_registration_lot();
--> statement-breakpoint
-- A refund of a released deposit created or sent.
CREATE FUNCTION stats_mark_refund_lot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_dirty (lot_id)
    SELECT l.id FROM registrations r JOIN lots l ON l.id = r.lot_id
    WHERE r.id = NEW.registration_id AND l.closed_at IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER refunds_stats_insert AFTER INSERT ON refunds FOR EACH ROW
  WHEN (NEW.registration_id IS NOT NULL) EXECUTE FUNCTION stats_mark_refund_lot();
--> statement-breakpoint
CREATE TRIGGER refunds_stats_update AFTER UPDATE ON refunds FOR EACH ROW
  WHEN (NEW.registration_id IS NOT NULL AND (OLD.sent_at, OLD.kind, OLD.registration_id) IS DISTINCT FROM (NEW.sent_at, NEW.kind, NEW.registration_id))
  EXECUTE FUNCTION stats_mark_refund_lot();
--> statement-breakpoint
-- An asset's kind or a case's court corrected: every finished lot of it is counted under the new name.
CREATE FUNCTION stats_mark_asset_lots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_dirty (lot_id)
    SELECT l.id FROM lots l WHERE l.asset_id = NEW.id AND l.closed_at IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assets_stats_update AFTER UPDATE ON assets FOR EACH ROW
  WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.case_id IS DISTINCT FROM NEW.case_id)
  EXECUTE FUNCTION stats_mark_asset_lots();
--> statement-breakpoint
CREATE FUNCTION stats_mark_case_lots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_dirty (lot_id)
    SELECT l.id FROM lots l JOIN assets a ON a.id = l.asset_id WHERE a.case_id = NEW.id AND l.closed_at IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_stats_update AFTER UPDATE ON cases FOR EACH ROW
  WHEN (OLD.court IS DISTINCT FROM NEW.court) EXECUTE FUNCTION stats_mark_case_lots();
--> statement-breakpoint
-- Lots that finished before the rollup existed.
INSERT INTO stats_dirty (lot_id) SELECT id FROM lots WHERE closed_at IS NOT NULL ON CONFLICT DO NOTHING;
