CREATE TABLE "note_keys" (
	"version" integer PRIMARY KEY NOT NULL,
	"check" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "note_keys_check_unique" UNIQUE("check")
);
