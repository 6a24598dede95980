-- Background jobs that must run on one app instance at a time: a lease for the probe
-- scheduler, and one row per job and slot so no probe interval or weekly export runs twice.
-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "heldUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ScheduledRun" (
    "job" TEXT NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "holder" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "summary" TEXT,

    CONSTRAINT "ScheduledRun_pkey" PRIMARY KEY ("job","slot")
);

