CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"original_date" date,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"holiday_name" text,
	"holiday_name_en" text,
	"moved_for_holiday" boolean DEFAULT false NOT NULL,
	"kept_on_holiday" boolean DEFAULT false NOT NULL,
	"extra" boolean DEFAULT false NOT NULL,
	"requested_by_id" uuid,
	"rescheduled_at" timestamp with time zone,
	"reschedule_reason" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"cancelled_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pre_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"bank_question_id" text,
	"closed" boolean DEFAULT false NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"manager_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"cadence" text NOT NULL,
	"weekday" integer,
	"day_of_month" integer,
	"week_of_month" integer,
	"interval_days" integer,
	"start_date" date NOT NULL,
	"start_time" text NOT NULL,
	"duration_minutes" integer DEFAULT 30 NOT NULL,
	"time_zone" text DEFAULT 'Asia/Tokyo' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"generated_until" date,
	"created_by_id" uuid,
	"paused_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"note" text,
	"category" text NOT NULL,
	"wanted_response" text NOT NULL,
	"visibility" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"discussed" boolean DEFAULT false NOT NULL,
	"carried_from_id" uuid,
	"shared_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_report_id_employees_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_requested_by_id_employees_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_cancelled_by_id_employees_id_fk" FOREIGN KEY ("cancelled_by_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_questions" ADD CONSTRAINT "pre_questions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pre_questions" ADD CONSTRAINT "pre_questions_author_id_employees_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series" ADD CONSTRAINT "series_manager_id_employees_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series" ADD CONSTRAINT "series_report_id_employees_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series" ADD CONSTRAINT "series_created_by_id_employees_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_author_id_employees_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_carried_from_id_topics_id_fk" FOREIGN KEY ("carried_from_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_meeting_idx" ON "check_ins" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "check_ins_report_idx" ON "check_ins" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_series_original_idx" ON "meetings" USING btree ("series_id","original_date");--> statement-breakpoint
CREATE INDEX "meetings_series_starts_idx" ON "meetings" USING btree ("series_id","starts_at");--> statement-breakpoint
CREATE INDEX "pre_questions_meeting_idx" ON "pre_questions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "series_manager_idx" ON "series" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "series_report_idx" ON "series" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "topics_meeting_idx" ON "topics" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topics_carried_idx" ON "topics" USING btree ("meeting_id","carried_from_id");