DROP INDEX "bids_user_client_id_key";--> statement-breakpoint
DROP INDEX "priority_holders_code_key";--> statement-breakpoint
CREATE UNIQUE INDEX "bids_lot_user_client_id_key" ON "bids" USING btree ("lot_id","user_id","client_bid_id");--> statement-breakpoint
ALTER TABLE "priority_holders" DROP COLUMN "priority_code";