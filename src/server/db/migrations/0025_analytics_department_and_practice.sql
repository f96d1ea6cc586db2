CREATE TABLE "analytics_department_rollups" (
	"month" text PRIMARY KEY NOT NULL,
	"departments" json NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_practice_snapshot" (
	"manager_id" uuid PRIMARY KEY NOT NULL,
	"figures" jsonb NOT NULL,
	"series_signals" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_snapshots" (
	"name" text PRIMARY KEY NOT NULL,
	"taken_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_rollup_months" ADD COLUMN "departments_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "analytics_practice_snapshot" ADD CONSTRAINT "analytics_practice_snapshot_manager_id_employees_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A change of anyone's department makes every month's per-department sums out of date (history
-- follows the person to their current department, ADR 0216): they are read per person again until
-- the job sums them anew. The job holds ROLLUP_LOCK exclusively while it sums a month, so a move
-- committed while it reads waits for it, and one it cannot see yet makes it wait.
CREATE FUNCTION analytics_rollup_departments_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM moved_old o JOIN moved_new n ON n.id = o.id WHERE o.department_id IS DISTINCT FROM n.department_id) THEN
    PERFORM pg_advisory_xact_lock_shared(1952541042);
    UPDATE analytics_rollup_months SET departments_at = NULL WHERE departments_at IS NOT NULL;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER analytics_rollup_employee_departments AFTER UPDATE ON employees
  REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_rollup_departments_moved();
