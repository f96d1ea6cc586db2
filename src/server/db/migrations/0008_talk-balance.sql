CREATE TABLE "talk_balances" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"manager_consent" boolean DEFAULT false NOT NULL,
	"report_consent" boolean DEFAULT false NOT NULL,
	"mode" text DEFAULT 'headsets' NOT NULL,
	"cue_share" integer DEFAULT 40 NOT NULL,
	"manager_ms" integer DEFAULT 0 NOT NULL,
	"report_ms" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talk_intervals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"from_ms" bigint NOT NULL,
	"to_ms" bigint NOT NULL,
	"level" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "talk_balances" ADD CONSTRAINT "talk_balances_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_intervals" ADD CONSTRAINT "talk_intervals_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_intervals" ADD CONSTRAINT "talk_intervals_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "talk_intervals_meeting_idx" ON "talk_intervals" USING btree ("meeting_id");