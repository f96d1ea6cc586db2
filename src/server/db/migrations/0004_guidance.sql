CREATE TABLE "question_bank_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"shipped" boolean NOT NULL,
	"category" text NOT NULL,
	"depth" text NOT NULL,
	"ja" text NOT NULL,
	"en" text NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "question_bank_entries" ADD CONSTRAINT "question_bank_entries_updated_by_employees_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."employees"("id") ON DELETE set null ON UPDATE no action;