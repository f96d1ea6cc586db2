CREATE TABLE "check_in_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"statement_version" integer NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"past_deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "check_in_consents" ADD CONSTRAINT "check_in_consents_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_in_consents_current_idx" ON "check_in_consents" USING btree ("employee_id") WHERE "check_in_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "check_in_consents_employee_idx" ON "check_in_consents" USING btree ("employee_id","given_at");