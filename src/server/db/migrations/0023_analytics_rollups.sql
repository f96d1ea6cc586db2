CREATE TABLE "analytics_rollup_months" (
	"month" text PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"layout" text NOT NULL,
	"rolled_up_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_rollups" (
	"month" text NOT NULL,
	"report_id" uuid NOT NULL,
	"practice_people" integer NOT NULL,
	"quality_people" integer NOT NULL,
	"topic_people" integer NOT NULL,
	"condition_people" integer NOT NULL,
	"practice" integer[] NOT NULL,
	"quality" integer[] NOT NULL,
	"topics" integer[] NOT NULL,
	"condition" integer[] NOT NULL,
	"warnings" integer[] NOT NULL,
	CONSTRAINT "analytics_rollups_month_report_id_pk" PRIMARY KEY("month","report_id")
);
--> statement-breakpoint
ALTER TABLE "analytics_rollups" ADD CONSTRAINT "analytics_rollups_report_id_employees_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_rollups_report_idx" ON "analytics_rollups" USING btree ("report_id");