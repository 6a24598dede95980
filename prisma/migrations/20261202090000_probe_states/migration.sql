-- Probe endpoint states: a failure count per minute (fast 5xx included) and the stored state changes.
ALTER TABLE "ProbeMinute" ADD COLUMN "failures" INTEGER NOT NULL DEFAULT 0;
-- Minutes rolled up before this column: 5xx answers and answers with a transport or body error.
UPDATE "ProbeMinute" SET "failures" = MIN("count", "status5xx" + "errors");

CREATE TABLE "ProbeStateChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "environment" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "previous" TEXT,
    "at" DATETIME NOT NULL,
    "lastStatus" INTEGER,
    "failureShare" REAL
);
CREATE INDEX "ProbeStateChange_environment_endpoint_at_idx" ON "ProbeStateChange"("environment", "endpoint", "at");
CREATE INDEX "ProbeStateChange_at_idx" ON "ProbeStateChange"("at");
