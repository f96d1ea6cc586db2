CREATE TABLE "minutes_documents" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"state" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "content" jsonb;--> statement-breakpoint
ALTER TABLE "minutes_revisions" ADD COLUMN "content" jsonb;--> statement-breakpoint
ALTER TABLE "minutes_documents" ADD CONSTRAINT "minutes_documents_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;