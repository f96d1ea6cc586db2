ALTER TABLE "series" ALTER COLUMN "purpose" DROP NOT NULL;--> statement-breakpoint
-- The default purpose was stored as text in the creator's language: from now on "no purpose written" is null,
-- rendered in each reader's language. Series that still hold either default text unchanged go back to null.
UPDATE "series" SET "purpose" = NULL WHERE "purpose" IN (
  'メンバーの自律的な成長を支え、安心して本音を話せる信頼関係を築き、業務上の課題や悩みを早めに見つけて一緒に解決するための時間です。',
  'A time to support the report''s own growth, build trust in which they can speak openly, and find and solve problems early, together.'
);
