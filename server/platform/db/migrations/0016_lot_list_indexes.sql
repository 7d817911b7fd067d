CREATE INDEX "lots_starts_id_idx" ON "lots" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "lots_ends_id_idx" ON "lots" USING btree ("ends_at","id");--> statement-breakpoint
CREATE INDEX "lots_list_price_idx" ON "lots" USING btree ((case when bid_count > 0 then current_price else starting_price end),"id");