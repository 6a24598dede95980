-- Diagnosis accuracy read every resolved incident of its range and looked up each one's first
-- check run: about a second at 100,000 incidents on a busy machine. As with IncidentTrendDay,
-- a roll-up per environment, UTC day (of occurredAt) and confirmed cause, kept by triggers,
-- answers it from a few hundred rows: n resolved incidents confirmed as that cause, and hits
-- whose diagnosis was it. The diagnosis is coalesce(firstCheckCause, initialCause), both on the
-- row, so the Incident triggers read old and new rows alone; triggers on CheckRun keep
-- firstCheckCause (the first completed run's top cause, by start) current.
ALTER TABLE "Incident" ADD COLUMN "firstCheckCause" TEXT;

CREATE TABLE "IncidentAccuracyDay" (
    "environment" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,
    "hits" INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY ("environment", "day", "cause")
) WITHOUT ROWID;

CREATE TRIGGER "CheckRun_first_cause_insert" AFTER INSERT ON "CheckRun"
WHEN new."status" = 'completed'
BEGIN
    UPDATE "Incident" SET "firstCheckCause" = (
        SELECT json_extract("CheckRun"."ranking", '$.ranked[0].cause') FROM "CheckRun"
        WHERE "CheckRun"."incidentId" = new."incidentId" AND "CheckRun"."status" = 'completed'
        ORDER BY "CheckRun"."startedAt", "CheckRun"."id" LIMIT 1
    )
    WHERE "id" = new."incidentId";
END;

CREATE TRIGGER "CheckRun_first_cause_update" AFTER UPDATE OF "status", "ranking", "startedAt", "incidentId" ON "CheckRun"
WHEN old."status" = 'completed' OR new."status" = 'completed'
BEGIN
    UPDATE "Incident" SET "firstCheckCause" = (
        SELECT json_extract("CheckRun"."ranking", '$.ranked[0].cause') FROM "CheckRun"
        WHERE "CheckRun"."incidentId" = old."incidentId" AND "CheckRun"."status" = 'completed'
        ORDER BY "CheckRun"."startedAt", "CheckRun"."id" LIMIT 1
    )
    WHERE "id" = old."incidentId";
    UPDATE "Incident" SET "firstCheckCause" = (
        SELECT json_extract("CheckRun"."ranking", '$.ranked[0].cause') FROM "CheckRun"
        WHERE "CheckRun"."incidentId" = new."incidentId" AND "CheckRun"."status" = 'completed'
        ORDER BY "CheckRun"."startedAt", "CheckRun"."id" LIMIT 1
    )
    WHERE "id" = new."incidentId";
END;

CREATE TRIGGER "CheckRun_first_cause_delete" AFTER DELETE ON "CheckRun"
WHEN old."status" = 'completed'
BEGIN
    UPDATE "Incident" SET "firstCheckCause" = (
        SELECT json_extract("CheckRun"."ranking", '$.ranked[0].cause') FROM "CheckRun"
        WHERE "CheckRun"."incidentId" = old."incidentId" AND "CheckRun"."status" = 'completed'
        ORDER BY "CheckRun"."startedAt", "CheckRun"."id" LIMIT 1
    )
    WHERE "id" = old."incidentId";
END;

CREATE TRIGGER "Incident_accuracy_insert" AFTER INSERT ON "Incident" BEGIN
    INSERT INTO "IncidentAccuracyDay" ("environment", "day", "cause", "n", "hits")
    SELECT new."environment", date(new."occurredAt"), new."confirmedCause", 1, coalesce(new."firstCheckCause", new."initialCause") IS new."confirmedCause"
    WHERE new."status" = 'resolved' AND new."confirmedCause" IN ('subscription_inactive', 'account_auth', 'missing_scope', 'vehicle_not_linked', 'app_version', 'vehicle_connectivity', 'phone_network', 'server_outage', 'rate_limited', 'region_unavailable')
    ON CONFLICT DO UPDATE SET "n" = "n" + 1, "hits" = "hits" + excluded."hits";
END;

CREATE TRIGGER "Incident_accuracy_delete" AFTER DELETE ON "Incident" BEGIN
    UPDATE "IncidentAccuracyDay" SET "n" = "n" - 1, "hits" = "hits" - (coalesce(old."firstCheckCause", old."initialCause") IS old."confirmedCause")
    WHERE old."status" = 'resolved' AND old."confirmedCause" IN ('subscription_inactive', 'account_auth', 'missing_scope', 'vehicle_not_linked', 'app_version', 'vehicle_connectivity', 'phone_network', 'server_outage', 'rate_limited', 'region_unavailable')
      AND "environment" = old."environment" AND "day" = date(old."occurredAt") AND "cause" = old."confirmedCause";
END;

-- Prisma names every column in an UPDATE; the WHEN skips the work unless a counted one changed.
CREATE TRIGGER "Incident_accuracy_update" AFTER UPDATE OF "environment", "occurredAt", "status", "confirmedCause", "initialCause", "firstCheckCause" ON "Incident"
WHEN old."environment" IS NOT new."environment" OR old."occurredAt" IS NOT new."occurredAt"
  OR old."status" IS NOT new."status" OR old."confirmedCause" IS NOT new."confirmedCause"
  OR old."initialCause" IS NOT new."initialCause" OR old."firstCheckCause" IS NOT new."firstCheckCause"
BEGIN
    UPDATE "IncidentAccuracyDay" SET "n" = "n" - 1, "hits" = "hits" - (coalesce(old."firstCheckCause", old."initialCause") IS old."confirmedCause")
    WHERE old."status" = 'resolved' AND old."confirmedCause" IN ('subscription_inactive', 'account_auth', 'missing_scope', 'vehicle_not_linked', 'app_version', 'vehicle_connectivity', 'phone_network', 'server_outage', 'rate_limited', 'region_unavailable')
      AND "environment" = old."environment" AND "day" = date(old."occurredAt") AND "cause" = old."confirmedCause";
    INSERT INTO "IncidentAccuracyDay" ("environment", "day", "cause", "n", "hits")
    SELECT new."environment", date(new."occurredAt"), new."confirmedCause", 1, coalesce(new."firstCheckCause", new."initialCause") IS new."confirmedCause"
    WHERE new."status" = 'resolved' AND new."confirmedCause" IN ('subscription_inactive', 'account_auth', 'missing_scope', 'vehicle_not_linked', 'app_version', 'vehicle_connectivity', 'phone_network', 'server_outage', 'rate_limited', 'region_unavailable')
    ON CONFLICT DO UPDATE SET "n" = "n" + 1, "hits" = "hits" + excluded."hits";
END;

-- Fill in from what is already stored.
UPDATE "Incident" SET "firstCheckCause" = (
        SELECT json_extract("CheckRun"."ranking", '$.ranked[0].cause') FROM "CheckRun"
        WHERE "CheckRun"."incidentId" = "Incident"."id" AND "CheckRun"."status" = 'completed'
        ORDER BY "CheckRun"."startedAt", "CheckRun"."id" LIMIT 1
    )
WHERE EXISTS (
    SELECT 1 FROM "CheckRun" WHERE "CheckRun"."incidentId" = "Incident"."id" AND "CheckRun"."status" = 'completed'
);
INSERT INTO "IncidentAccuracyDay" ("environment", "day", "cause", "n", "hits")
SELECT "environment", date("occurredAt"), "confirmedCause", COUNT(*), SUM(coalesce("Incident"."firstCheckCause", "Incident"."initialCause") IS "Incident"."confirmedCause")
FROM "Incident" WHERE "Incident"."status" = 'resolved' AND "Incident"."confirmedCause" IN ('subscription_inactive', 'account_auth', 'missing_scope', 'vehicle_not_linked', 'app_version', 'vehicle_connectivity', 'phone_network', 'server_outage', 'rate_limited', 'region_unavailable')
GROUP BY 1, 2, 3;
