-- The rollup is derived: emptied here and rebuilt from every finished lot by the next refresh.
TRUNCATE "stats_monthly";--> statement-breakpoint
TRUNCATE "auction_facts";--> statement-breakpoint
DROP INDEX "stats_monthly_month_idx";--> statement-breakpoint
ALTER TABLE "stats_monthly" DROP CONSTRAINT "stats_monthly_court_kind_round_month_pk";--> statement-breakpoint
ALTER TABLE "stats_monthly" ADD COLUMN "level" smallint NOT NULL;--> statement-breakpoint
ALTER TABLE "stats_monthly" ADD CONSTRAINT "stats_monthly_level_court_kind_round_month_pk" PRIMARY KEY("level","court","kind","round","month");--> statement-breakpoint
ALTER TABLE "auction_facts" ADD COLUMN "loser_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "stats_monthly_level_month_idx" ON "stats_monthly" USING btree ("level","month");--> statement-breakpoint
INSERT INTO stats_dirty (lot_id) SELECT id FROM lots WHERE closed_at IS NOT NULL ON CONFLICT DO NOTHING;
