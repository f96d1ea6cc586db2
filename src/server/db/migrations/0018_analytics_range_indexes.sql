CREATE INDEX "action_items_created_idx" ON "action_items" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "meetings_starts_idx" ON "meetings" USING btree ("starts_at");