-- Content search reads topics and feedback from trigram indexes over one expression each; history counts action items per meeting from an index (ADR 0222).
CREATE INDEX "action_items_meeting_idx" ON "action_items" USING btree ("meeting_id","status");--> statement-breakpoint
CREATE INDEX "feedback_search_trgm_idx" ON "feedback_records" USING gin (("situation" || E'\n' || "behaviour" || E'\n' || "impact") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "topics_search_trgm_idx" ON "topics" USING gin (("title" || E'\n' || coalesce("note", '')) gin_trgm_ops);--> statement-breakpoint
-- Statistics for the indexed expressions, so the planner can weigh the new indexes at once rather than
-- after the next automatic analyze (until then a common word got a plan that took seconds at
-- 10,000 employees).
ANALYZE "topics";
--> statement-breakpoint
ANALYZE "feedback_records";
