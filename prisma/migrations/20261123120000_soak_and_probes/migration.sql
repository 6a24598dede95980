-- CreateTable
CREATE TABLE "SoakSecond" (
    "runId" TEXT NOT NULL,
    "second" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "targetRate" REAL NOT NULL,
    "sent" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "ok" INTEGER NOT NULL,
    "status429" INTEGER NOT NULL,
    "status5xx" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "p50Ms" REAL,
    "p95Ms" REAL,
    "p99Ms" REAL,
    "maxMs" REAL,

    PRIMARY KEY ("runId", "second"),
    CONSTRAINT "SoakSecond_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SoakRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProbeSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "environment" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" REAL NOT NULL,
    "correlationId" TEXT NOT NULL,
    "rateLimitLimit" INTEGER,
    "rateLimitRemaining" INTEGER,
    "rateLimitReset" INTEGER,
    "retryAfterS" REAL,
    "errorKind" TEXT
);

-- CreateTable
CREATE TABLE "ProbeMinute" (
    "environment" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "minute" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "status429" INTEGER NOT NULL,
    "status5xx" INTEGER NOT NULL,
    "p50Ms" REAL,
    "p95Ms" REAL,
    "p99Ms" REAL,
    "maxMs" REAL,
    "minRemaining" INTEGER,

    PRIMARY KEY ("environment", "endpoint", "minute")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SoakRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'GET',
    "schedule" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '{}',
    "durationS" INTEGER NOT NULL,
    "requestBudget" INTEGER NOT NULL DEFAULT 0,
    "origin" TEXT NOT NULL DEFAULT 'app',
    "status" TEXT NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME,
    "cancelRequestedAt" DATETIME,
    "failureReason" TEXT,
    "summary" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SoakRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SoakRun" ("createdAt", "createdById", "durationS", "environment", "finishedAt", "id", "name", "schedule", "startedAt", "status", "summary", "targetUrl") SELECT "createdAt", "createdById", "durationS", "environment", "finishedAt", "id", "name", "schedule", "startedAt", "status", "summary", "targetUrl" FROM "SoakRun";
DROP TABLE "SoakRun";
ALTER TABLE "new_SoakRun" RENAME TO "SoakRun";
CREATE INDEX "SoakRun_createdAt_idx" ON "SoakRun"("createdAt");
CREATE INDEX "SoakRun_status_idx" ON "SoakRun"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProbeSample_sentAt_idx" ON "ProbeSample"("sentAt");

-- CreateIndex
CREATE INDEX "ProbeSample_environment_endpoint_sentAt_idx" ON "ProbeSample"("environment", "endpoint", "sentAt");

-- CreateIndex
CREATE INDEX "ProbeMinute_minute_idx" ON "ProbeMinute"("minute");

