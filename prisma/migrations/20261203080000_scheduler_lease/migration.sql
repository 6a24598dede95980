-- Background jobs that must run on one app instance at a time: a lease for the probe
-- scheduler, and one row per job and slot so no probe interval or weekly export runs twice.
-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "heldUntil" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ScheduledRun" (
    "job" TEXT NOT NULL,
    "slot" DATETIME NOT NULL,
    "holder" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "summary" TEXT,

    PRIMARY KEY ("job", "slot")
);

