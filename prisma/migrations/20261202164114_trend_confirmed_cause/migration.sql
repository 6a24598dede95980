-- Trends count an incident under the cause the team confirmed when resolving it, else under its
-- likely cause: the roll-up's key becomes coalesce(confirmedCause, likelyCause, ''). A confirmed
-- "other" is its own key, not the likely cause the team has just ruled out. The triggers are
-- recreated with the new key (and fire on confirmedCause too) and the roll-up is rebuilt.
DROP TRIGGER "Incident_trend_insert";
DROP TRIGGER "Incident_trend_delete";
DROP TRIGGER "Incident_trend_update";

CREATE TRIGGER "Incident_trend_insert" AFTER INSERT ON "Incident" BEGIN
    INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "opened")
    VALUES (new."environment", date(new."occurredAt"), coalesce(new."confirmedCause", new."likelyCause", ''), 1)
    ON CONFLICT DO UPDATE SET "opened" = "opened" + 1;
    INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "resolved", "resolveMs")
    SELECT new."environment", date(new."resolvedAt"), coalesce(new."confirmedCause", new."likelyCause", ''), 1,
           CAST(round((julianday(new."resolvedAt") - julianday(new."occurredAt")) * 86400000) AS INTEGER)
    WHERE new."resolvedAt" IS NOT NULL
    ON CONFLICT DO UPDATE SET "resolved" = "resolved" + 1, "resolveMs" = "resolveMs" + excluded."resolveMs";
END;

CREATE TRIGGER "Incident_trend_delete" AFTER DELETE ON "Incident" BEGIN
    UPDATE "IncidentTrendDay" SET "opened" = "opened" - 1
    WHERE "environment" = old."environment" AND "day" = date(old."occurredAt") AND "cause" = coalesce(old."confirmedCause", old."likelyCause", '');
    UPDATE "IncidentTrendDay" SET "resolved" = "resolved" - 1,
           "resolveMs" = "resolveMs" - CAST(round((julianday(old."resolvedAt") - julianday(old."occurredAt")) * 86400000) AS INTEGER)
    WHERE old."resolvedAt" IS NOT NULL
      AND "environment" = old."environment" AND "day" = date(old."resolvedAt") AND "cause" = coalesce(old."confirmedCause", old."likelyCause", '');
END;

-- Prisma names every column in an UPDATE; the WHEN skips the work unless a counted one changed.
CREATE TRIGGER "Incident_trend_update" AFTER UPDATE OF "environment", "occurredAt", "resolvedAt", "likelyCause", "confirmedCause" ON "Incident"
WHEN old."environment" IS NOT new."environment" OR old."occurredAt" IS NOT new."occurredAt"
  OR old."resolvedAt" IS NOT new."resolvedAt"
  OR coalesce(old."confirmedCause", old."likelyCause", '') IS NOT coalesce(new."confirmedCause", new."likelyCause", '')
BEGIN
    UPDATE "IncidentTrendDay" SET "opened" = "opened" - 1
    WHERE "environment" = old."environment" AND "day" = date(old."occurredAt") AND "cause" = coalesce(old."confirmedCause", old."likelyCause", '');
    UPDATE "IncidentTrendDay" SET "resolved" = "resolved" - 1,
           "resolveMs" = "resolveMs" - CAST(round((julianday(old."resolvedAt") - julianday(old."occurredAt")) * 86400000) AS INTEGER)
    WHERE old."resolvedAt" IS NOT NULL
      AND "environment" = old."environment" AND "day" = date(old."resolvedAt") AND "cause" = coalesce(old."confirmedCause", old."likelyCause", '');
    INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "opened")
    VALUES (new."environment", date(new."occurredAt"), coalesce(new."confirmedCause", new."likelyCause", ''), 1)
    ON CONFLICT DO UPDATE SET "opened" = "opened" + 1;
    INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "resolved", "resolveMs")
    SELECT new."environment", date(new."resolvedAt"), coalesce(new."confirmedCause", new."likelyCause", ''), 1,
           CAST(round((julianday(new."resolvedAt") - julianday(new."occurredAt")) * 86400000) AS INTEGER)
    WHERE new."resolvedAt" IS NOT NULL
    ON CONFLICT DO UPDATE SET "resolved" = "resolved" + 1, "resolveMs" = "resolveMs" + excluded."resolveMs";
END;

-- Rebuild from the incidents already stored, under the new key.
DELETE FROM "IncidentTrendDay";
INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "opened")
SELECT "environment", date("occurredAt"), coalesce("confirmedCause", "likelyCause", ''), COUNT(*)
FROM "Incident" GROUP BY 1, 2, 3;
INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "resolved", "resolveMs")
SELECT "environment", date("resolvedAt"), coalesce("confirmedCause", "likelyCause", ''), COUNT(*),
       SUM(CAST(round((julianday("resolvedAt") - julianday("occurredAt")) * 86400000) AS INTEGER))
FROM "Incident" WHERE "resolvedAt" IS NOT NULL GROUP BY 1, 2, 3
ON CONFLICT DO UPDATE SET "resolved" = excluded."resolved", "resolveMs" = excluded."resolveMs";
