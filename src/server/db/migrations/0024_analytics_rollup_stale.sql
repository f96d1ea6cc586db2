-- A late change to a closed month's data takes that month, and every later one, out of the rollups
-- (ADR 0216) until the job rolls them up again: the dashboard then computes those months from the
-- meetings, so what it shows never depends on whether a month was rolled up. Later months go too
-- because early warnings look back across months (the check-ins before a drop, the cadence meetings
-- before a cancellation).
CREATE FUNCTION analytics_rollup_stale_from(changed timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Months close 7 days after they end (ADR 0204; 8 here leaves room for a daylight-saving shift):
  -- a change to anything more recent cannot touch a rolled-up month.
  IF changed IS NULL OR changed >= clock_timestamp() - interval '8 days' THEN
    RETURN;
  END IF;
  -- The job holds this lock exclusively while it reads a month and records it (ROLLUP_LOCK in
  -- src/server/analytics/rollups.ts), so no change slips in between.
  PERFORM pg_advisory_xact_lock_shared(1952541042);
  DELETE FROM analytics_rollup_months r WHERE r.month >= to_char(changed AT TIME ZONE r.time_zone, 'YYYY-MM');
END;
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_rollup_meeting_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM analytics_rollup_stale_from(OLD.starts_at);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM analytics_rollup_stale_from(NEW.starts_at);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Check-ins, topics and reflections count in the month of their meeting.
CREATE FUNCTION analytics_rollup_meeting_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM analytics_rollup_stale_from((SELECT m.starts_at FROM meetings m WHERE m.id = OLD.meeting_id));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM analytics_rollup_stale_from((SELECT m.starts_at FROM meetings m WHERE m.id = NEW.meeting_id));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A series' status (pending and declined series do not count), pair or report changes its meetings' figures.
CREATE FUNCTION analytics_rollup_series_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_rollup_stale_from((SELECT min(m.starts_at) FROM meetings m WHERE m.series_id = OLD.id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_meetings AFTER INSERT OR DELETE ON meetings
  FOR EACH ROW EXECUTE FUNCTION analytics_rollup_meeting_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_meetings_update AFTER UPDATE ON meetings FOR EACH ROW
  WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.status IS DISTINCT FROM NEW.status OR OLD.extra IS DISTINCT FROM NEW.extra
        OR OLD.series_id IS DISTINCT FROM NEW.series_id OR OLD.cancelled_by_id IS DISTINCT FROM NEW.cancelled_by_id
        OR OLD.cancel_category IS DISTINCT FROM NEW.cancel_category)
  EXECUTE FUNCTION analytics_rollup_meeting_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_check_ins AFTER INSERT OR DELETE ON check_ins
  FOR EACH ROW EXECUTE FUNCTION analytics_rollup_meeting_row_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_check_ins_update AFTER UPDATE ON check_ins FOR EACH ROW
  WHEN (OLD.score IS DISTINCT FROM NEW.score OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id OR OLD.report_id IS DISTINCT FROM NEW.report_id)
  EXECUTE FUNCTION analytics_rollup_meeting_row_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_topics AFTER INSERT OR DELETE ON topics
  FOR EACH ROW EXECUTE FUNCTION analytics_rollup_meeting_row_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_topics_update AFTER UPDATE ON topics FOR EACH ROW
  WHEN (OLD.visibility IS DISTINCT FROM NEW.visibility OR OLD.category IS DISTINCT FROM NEW.category OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id)
  EXECUTE FUNCTION analytics_rollup_meeting_row_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_reflections AFTER INSERT OR DELETE ON reflections
  FOR EACH ROW EXECUTE FUNCTION analytics_rollup_meeting_row_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_reflections_update AFTER UPDATE ON reflections FOR EACH ROW
  WHEN (OLD.felt_heard IS DISTINCT FROM NEW.felt_heard OR OLD.useful IS DISTINCT FROM NEW.useful OR OLD.role IS DISTINCT FROM NEW.role
        OR OLD.author_id IS DISTINCT FROM NEW.author_id OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id)
  EXECUTE FUNCTION analytics_rollup_meeting_row_changed();
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_series_update AFTER UPDATE ON series FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.report_id IS DISTINCT FROM NEW.report_id OR OLD.manager_id IS DISTINCT FROM NEW.manager_id)
  EXECUTE FUNCTION analytics_rollup_series_changed();
