-- Trigram indexes for substring search (ADR 0218). pg_trgm ships with PostgreSQL (contrib) and with embedded-postgres.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
