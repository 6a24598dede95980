-- PostgreSQL's counterparts of the hand-written parts of the SQLite migrations (prisma/migrations):
-- full-text search, the trend and accuracy roll-ups with the triggers that keep them, and the
-- on-call expression index. Prisma's schema cannot express any of these.

-- Full-text search (SQLite: the IncidentSearch and RunbookSearch FTS5 tables). GIN indexes over
-- tsvector expressions instead of copies of the text, so nothing needs triggers to stay in step.
-- The text is cut into words at every character that is not a letter or digit before the
-- 'simple' configuration (no stemming, no stop words) reads it, as FTS5's unicode61 tokenizer
-- does; PostgreSQL's own parser would keep "api.example.com" as one host token. The queries in
-- lib/db/dialect.ts repeat each expression exactly, which is what lets the planner use the index.
CREATE INDEX "Incident_search_idx" ON "Incident" USING GIN (to_tsvector('simple'::regconfig, regexp_replace(
    coalesce("title", '') || ' ' || coalesce("errorString", '') || ' ' || coalesce("correlationId", '') || ' ' ||
    coalesce("tenant", '') || ' ' || coalesce("vin", ''), '[^[:alnum:]]+', ' ', 'g')));

-- Versions are never updated, so indexing every version is exact; queries join the approved one.
CREATE INDEX "RunbookVersion_search_idx" ON "RunbookVersion" USING GIN (to_tsvector('simple'::regconfig, regexp_replace(
    coalesce("title", '') || ' ' || coalesce("signature", '') || ' ' || coalesce("causeId", '') || ' ' ||
    coalesce("errorString", '') || ' ' || coalesce("fixApplied", '') || ' ' || coalesce("sdkVersion", '') || ' ' ||
    coalesce("apiVersion", '') || ' ' || coalesce("correlationId", '') || ' ' || coalesce("vendorIncidentId", '') || ' ' ||
    coalesce("supportCaseNumber", '') || ' ' || coalesce("greenDependencyPin", ''), '[^[:alnum:]]+', ' ', 'g')));
-- Suggestions for an incident search the signature and error text alone.
CREATE INDEX "RunbookVersion_signature_search_idx" ON "RunbookVersion" USING GIN (to_tsvector('simple'::regconfig, regexp_replace(
    coalesce("signature", '') || ' ' || coalesce("errorString", ''), '[^[:alnum:]]+', ' ', 'g')));

-- The on-call list's order (SQLite migration 20261202165000_oncall_list), term for term.
CREATE INDEX "Incident_oncall_idx" ON "Incident"(("status" = 'resolved'), "severity", "occurredAt" DESC, "id");

-- Trend roll-up per environment, UTC day and cause (SQLite migrations 20261124110000_trend_rollups
-- and 20261202164114_trend_confirmed_cause). "day" is 'YYYY-MM-DD' text as on SQLite, so the
-- trend queries read and compare it the same way on both.
CREATE TABLE "IncidentTrendDay" (
    "environment" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    -- '' for an incident without a cause: NULL would make every such row its own key.
    "cause" TEXT NOT NULL,
    "opened" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "resolveMs" BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY ("environment", "day", "cause")
);

CREATE FUNCTION "pitstop_utc_day"(at TIMESTAMP) RETURNS TEXT LANGUAGE sql IMMUTABLE
AS $$ SELECT to_char(at, 'YYYY-MM-DD') $$;

-- Whole milliseconds, so the running sum stays exact however often it is added to and taken from.
CREATE FUNCTION "pitstop_resolve_ms"(opened TIMESTAMP, resolved TIMESTAMP) RETURNS BIGINT LANGUAGE sql IMMUTABLE
AS $$ SELECT round(extract(epoch FROM (resolved - opened)) * 1000)::BIGINT $$;

CREATE FUNCTION "pitstop_incident_trend"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "IncidentTrendDay" SET "opened" = "opened" - 1
        WHERE "environment" = OLD."environment" AND "day" = pitstop_utc_day(OLD."occurredAt")
          AND "cause" = coalesce(OLD."confirmedCause", OLD."likelyCause", '');
        IF OLD."resolvedAt" IS NOT NULL THEN
            UPDATE "IncidentTrendDay" SET "resolved" = "resolved" - 1,
                   "resolveMs" = "resolveMs" - pitstop_resolve_ms(OLD."occurredAt", OLD."resolvedAt")
            WHERE "environment" = OLD."environment" AND "day" = pitstop_utc_day(OLD."resolvedAt")
              AND "cause" = coalesce(OLD."confirmedCause", OLD."likelyCause", '');
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "opened")
        VALUES (NEW."environment", pitstop_utc_day(NEW."occurredAt"), coalesce(NEW."confirmedCause", NEW."likelyCause", ''), 1)
        ON CONFLICT ("environment", "day", "cause") DO UPDATE SET "opened" = "IncidentTrendDay"."opened" + 1;
        IF NEW."resolvedAt" IS NOT NULL THEN
            INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "resolved", "resolveMs")
            VALUES (NEW."environment", pitstop_utc_day(NEW."resolvedAt"), coalesce(NEW."confirmedCause", NEW."likelyCause", ''), 1,
                    pitstop_resolve_ms(NEW."occurredAt", NEW."resolvedAt"))
            ON CONFLICT ("environment", "day", "cause") DO UPDATE SET "resolved" = "IncidentTrendDay"."resolved" + 1,
                "resolveMs" = "IncidentTrendDay"."resolveMs" + excluded."resolveMs";
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Incident_trend_insert" AFTER INSERT ON "Incident"
FOR EACH ROW EXECUTE FUNCTION "pitstop_incident_trend"();
CREATE TRIGGER "Incident_trend_delete" AFTER DELETE ON "Incident"
FOR EACH ROW EXECUTE FUNCTION "pitstop_incident_trend"();
-- Prisma names every column in an UPDATE; the WHEN skips the work unless a counted one changed.
CREATE TRIGGER "Incident_trend_update" AFTER UPDATE OF "environment", "occurredAt", "resolvedAt", "likelyCause", "confirmedCause" ON "Incident"
FOR EACH ROW WHEN (OLD."environment" IS DISTINCT FROM NEW."environment" OR OLD."occurredAt" IS DISTINCT FROM NEW."occurredAt"
    OR OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt"
    OR coalesce(OLD."confirmedCause", OLD."likelyCause", '') IS DISTINCT FROM coalesce(NEW."confirmedCause", NEW."likelyCause", ''))
EXECUTE FUNCTION "pitstop_incident_trend"();

-- Diagnosis accuracy roll-up per environment, UTC day (of occurredAt) and confirmed cause, and
-- Incident."firstCheckCause" kept from CheckRun (SQLite migration 20261202172114_diagnosis_accuracy).
CREATE TABLE "IncidentAccuracyDay" (
    "environment" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,
    "hits" INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY ("environment", "day", "cause")
);

CREATE FUNCTION "pitstop_first_check_cause"(incident TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT "ranking"::json -> 'ranked' -> 0 ->> 'cause' FROM "CheckRun"
    WHERE "incidentId" = incident AND "status" = 'completed'
    ORDER BY "startedAt", "id" LIMIT 1
$$;

CREATE FUNCTION "pitstop_check_run_first_cause"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "Incident" SET "firstCheckCause" = pitstop_first_check_cause(OLD."incidentId") WHERE "id" = OLD."incidentId";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE "Incident" SET "firstCheckCause" = pitstop_first_check_cause(NEW."incidentId") WHERE "id" = NEW."incidentId";
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "CheckRun_first_cause_insert" AFTER INSERT ON "CheckRun"
FOR EACH ROW WHEN (NEW."status" = 'completed') EXECUTE FUNCTION "pitstop_check_run_first_cause"();
CREATE TRIGGER "CheckRun_first_cause_update" AFTER UPDATE OF "status", "ranking", "startedAt", "incidentId" ON "CheckRun"
FOR EACH ROW WHEN (OLD."status" = 'completed' OR NEW."status" = 'completed') EXECUTE FUNCTION "pitstop_check_run_first_cause"();
CREATE TRIGGER "CheckRun_first_cause_delete" AFTER DELETE ON "CheckRun"
FOR EACH ROW WHEN (OLD."status" = 'completed') EXECUTE FUNCTION "pitstop_check_run_first_cause"();

-- Whether an incident counts towards accuracy: resolved, with one of the ten causes confirmed.
CREATE FUNCTION "pitstop_counts_for_accuracy"(status TEXT, confirmed TEXT) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE AS $$
    SELECT status = 'resolved' AND confirmed IN ('subscription_inactive', 'account_auth', 'missing_scope', 'vehicle_not_linked',
        'app_version', 'vehicle_connectivity', 'phone_network', 'server_outage', 'rate_limited', 'region_unavailable')
$$;

CREATE FUNCTION "pitstop_incident_accuracy"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND pitstop_counts_for_accuracy(OLD."status", OLD."confirmedCause") THEN
        UPDATE "IncidentAccuracyDay" SET "n" = "n" - 1,
               "hits" = "hits" - (coalesce(OLD."firstCheckCause", OLD."initialCause") IS NOT DISTINCT FROM OLD."confirmedCause")::INTEGER
        WHERE "environment" = OLD."environment" AND "day" = pitstop_utc_day(OLD."occurredAt") AND "cause" = OLD."confirmedCause";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND pitstop_counts_for_accuracy(NEW."status", NEW."confirmedCause") THEN
        INSERT INTO "IncidentAccuracyDay" ("environment", "day", "cause", "n", "hits")
        VALUES (NEW."environment", pitstop_utc_day(NEW."occurredAt"), NEW."confirmedCause", 1,
                (coalesce(NEW."firstCheckCause", NEW."initialCause") IS NOT DISTINCT FROM NEW."confirmedCause")::INTEGER)
        ON CONFLICT ("environment", "day", "cause") DO UPDATE SET "n" = "IncidentAccuracyDay"."n" + 1,
            "hits" = "IncidentAccuracyDay"."hits" + excluded."hits";
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Incident_accuracy_insert" AFTER INSERT ON "Incident"
FOR EACH ROW EXECUTE FUNCTION "pitstop_incident_accuracy"();
CREATE TRIGGER "Incident_accuracy_delete" AFTER DELETE ON "Incident"
FOR EACH ROW EXECUTE FUNCTION "pitstop_incident_accuracy"();
CREATE TRIGGER "Incident_accuracy_update" AFTER UPDATE OF "environment", "occurredAt", "status", "confirmedCause", "initialCause", "firstCheckCause" ON "Incident"
FOR EACH ROW WHEN (OLD."environment" IS DISTINCT FROM NEW."environment" OR OLD."occurredAt" IS DISTINCT FROM NEW."occurredAt"
    OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."confirmedCause" IS DISTINCT FROM NEW."confirmedCause"
    OR OLD."initialCause" IS DISTINCT FROM NEW."initialCause" OR OLD."firstCheckCause" IS DISTINCT FROM NEW."firstCheckCause")
EXECUTE FUNCTION "pitstop_incident_accuracy"();
