-- Content search reads topics and feedback from trigram indexes over one expression each; history counts action items per meeting from an index (ADR 0222).
CREATE INDEX "action_items_meeting_idx" ON "action_items" USING btree ("meeting_id","status");--> statement-breakpoint
CREATE INDEX "feedback_search_trgm_idx" ON "feedback_records" USING gin (("situation" || E'\n' || "behaviour" || E'\n' || "impact") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "topics_search_trgm_idx" ON "topics" USING gin (("title" || E'\n' || coalesce("note", '')) gin_trgm_ops);