-- The Trends page counted every incident of its range on each load (about 50 ms of its SQL at
-- 100,000 incidents). Ranges are whole UTC days, so a roll-up per environment, day and likely
-- cause answers the same questions from a few hundred rows: incidents opened that day (by
-- occurredAt), and incidents resolved that day (by resolvedAt) with their total time to resolve
-- in whole milliseconds, so the running sum stays exact however often it is added to and taken
-- from. Triggers keep it in step with every write to Incident; it is not a Prisma model because
-- only raw SQL reads it.
CREATE TABLE "IncidentTrendDay" (
    "environment" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    -- '' for an incident without a likely cause: NULL would make every such row its own key.
    "cause" TEXT NOT NULL,
    "opened" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "resolveMs" INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY ("environment", "day", "cause")
) WITHOUT ROWID;

CREATE TRIGGER "Incident_trend_insert" AFTER INSERT ON "Incident" BEGIN
    INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "opened")
    VALUES (new."environment", date(new."occurredAt"), coalesce(new."likelyCause", ''), 1)
    ON CONFLICT DO UPDATE SET "opened" = "opened" + 1;
    INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "resolved", "resolveMs")
    SELECT new."environment", date(new."resolvedAt"), coalesce(new."likelyCause", ''), 1,
           CAST(round((julianday(new."resolvedAt") - julianday(new."occurredAt")) * 86400000) AS INTEGER)
    WHERE new."resolvedAt" IS NOT NULL
    ON CONFLICT DO UPDATE SET "resolved" = "resolved" + 1, "resolveMs" = "resolveMs" + excluded."resolveMs";
END;

CREATE TRIGGER "Incident_trend_delete" AFTER DELETE ON "Incident" BEGIN
    UPDATE "IncidentTrendDay" SET "opened" = "opened" - 1
    WHERE "environment" = old."environment" AND "day" = date(old."occurredAt") AND "cause" = coalesce(old."likelyCause", '');
    UPDATE "IncidentTrendDay" SET "resolved" = "resolved" - 1,
           "resolveMs" = "resolveMs" - CAST(round((julianday(old."resolvedAt") - julianday(old."occurredAt")) * 86400000) AS INTEGER)
    WHERE old."resolvedAt" IS NOT NULL
      AND "environment" = old."environment" AND "day" = date(old."resolvedAt") AND "cause" = coalesce(old."likelyCause", '');
END;

-- Prisma names every column in an UPDATE; the WHEN skips the work unless a counted one changed.
CREATE TRIGGER "Incident_trend_update" AFTER UPDATE OF "environment", "occurredAt", "resolvedAt", "likelyCause" ON "Incident"
WHEN old."environment" IS NOT new."environment" OR old."occurredAt" IS NOT new."occurredAt"
  OR old."resolvedAt" IS NOT new."resolvedAt" OR old."likelyCause" IS NOT new."likelyCause"
BEGIN
    UPDATE "IncidentTrendDay" SET "opened" = "opened" - 1
    WHERE "environment" = old."environment" AND "day" = date(old."occurredAt") AND "cause" = coalesce(old."likelyCause", '');
    UPDATE "IncidentTrendDay" SET "resolved" = "resolved" - 1,
           "resolveMs" = "resolveMs" - CAST(round((julianday(old."resolvedAt") - julianday(old."occurredAt")) * 86400000) AS INTEGER)
    WHERE old."resolvedAt" IS NOT NULL
      AND "environment" = old."environment" AND "day" = date(old."resolvedAt") AND "cause" = coalesce(old."likelyCause", '');
    INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "opened")
    VALUES (new."environment", date(new."occurredAt"), coalesce(new."likelyCause", ''), 1)
    ON CONFLICT DO UPDATE SET "opened" = "opened" + 1;
    INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "resolved", "resolveMs")
    SELECT new."environment", date(new."resolvedAt"), coalesce(new."likelyCause", ''), 1,
           CAST(round((julianday(new."resolvedAt") - julianday(new."occurredAt")) * 86400000) AS INTEGER)
    WHERE new."resolvedAt" IS NOT NULL
    ON CONFLICT DO UPDATE SET "resolved" = "resolved" + 1, "resolveMs" = "resolveMs" + excluded."resolveMs";
END;

-- Backfill from the incidents already stored.
INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "opened")
SELECT "environment", date("occurredAt"), coalesce("likelyCause", ''), COUNT(*)
FROM "Incident" GROUP BY 1, 2, 3;
INSERT INTO "IncidentTrendDay" ("environment", "day", "cause", "resolved", "resolveMs")
SELECT "environment", date("resolvedAt"), coalesce("likelyCause", ''), COUNT(*),
       SUM(CAST(round((julianday("resolvedAt") - julianday("occurredAt")) * 86400000) AS INTEGER))
FROM "Incident" WHERE "resolvedAt" IS NOT NULL GROUP BY 1, 2, 3
ON CONFLICT DO UPDATE SET "resolved" = excluded."resolved", "resolveMs" = excluded."resolveMs";
