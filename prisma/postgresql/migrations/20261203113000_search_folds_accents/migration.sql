-- Search folds accents, as FTS5's unicode61 tokenizer does on SQLite: "unicode" finds "Ünïcode".
-- unaccent is a trusted extension (PostgreSQL 13 and later), so the database's owner may create
-- it. unaccent() is only STABLE (it looks its dictionary up by search path) and an index
-- expression must be IMMUTABLE: the wrapper names the dictionary by schema, which makes the
-- promise true. lib/db/dialect.ts repeats each index expression exactly, as before.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;

CREATE FUNCTION "pitstop_unaccent"(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

DROP INDEX "Incident_search_idx";
CREATE INDEX "Incident_search_idx" ON "Incident" USING GIN (to_tsvector('simple'::regconfig, pitstop_unaccent(regexp_replace(
    coalesce("title", '') || ' ' || coalesce("errorString", '') || ' ' || coalesce("correlationId", '') || ' ' ||
    coalesce("tenant", '') || ' ' || coalesce("vin", ''), '[^[:alnum:]]+', ' ', 'g'))));

DROP INDEX "RunbookVersion_search_idx";
CREATE INDEX "RunbookVersion_search_idx" ON "RunbookVersion" USING GIN (to_tsvector('simple'::regconfig, pitstop_unaccent(regexp_replace(
    coalesce("title", '') || ' ' || coalesce("signature", '') || ' ' || coalesce("causeId", '') || ' ' ||
    coalesce("errorString", '') || ' ' || coalesce("fixApplied", '') || ' ' || coalesce("sdkVersion", '') || ' ' ||
    coalesce("apiVersion", '') || ' ' || coalesce("correlationId", '') || ' ' || coalesce("vendorIncidentId", '') || ' ' ||
    coalesce("supportCaseNumber", '') || ' ' || coalesce("greenDependencyPin", ''), '[^[:alnum:]]+', ' ', 'g'))));

DROP INDEX "RunbookVersion_signature_search_idx";
CREATE INDEX "RunbookVersion_signature_search_idx" ON "RunbookVersion" USING GIN (to_tsvector('simple'::regconfig, pitstop_unaccent(regexp_replace(
    coalesce("signature", '') || ' ' || coalesce("errorString", ''), '[^[:alnum:]]+', ' ', 'g'))));
