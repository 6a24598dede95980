-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "userAgent" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "clientIp" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "attemptedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdById" TEXT,
    CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "correlationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "vin" TEXT,
    "accountRef" TEXT,
    "sdkName" TEXT,
    "sdkVersion" TEXT,
    "apiVersion" TEXT,
    "appVersion" TEXT,
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "errorString" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "occurredAt" DATETIME NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedAt" DATETIME,
    "reporterId" TEXT,
    "reporterLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Incident_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "callerKey" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "responseBody" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiTokenId" TEXT,
    CONSTRAINT "IdempotencyRecord_apiTokenId_fkey" FOREIGN KEY ("apiTokenId") REFERENCES "ApiToken" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" TEXT,
    "after" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CheckRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "triggeredById" TEXT,
    "ranking" TEXT,
    CONSTRAINT "CheckRun_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheckRun_triggeredById_fkey" FOREIGN KEY ("triggeredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "causeId" TEXT,
    "summary" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "CheckResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "CheckRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "tenant" TEXT,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChangeEvent_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunbookEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "causeId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "approvedVersion" INTEGER,
    "incidentId" TEXT,
    "authorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RunbookEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RunbookEntry_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunbookVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "sdkVersion" TEXT,
    "apiVersion" TEXT,
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "correlationId" TEXT,
    "errorString" TEXT NOT NULL,
    "fixApplied" TEXT NOT NULL,
    "vendorIncidentId" TEXT,
    "supportCaseNumber" TEXT,
    "greenDependencyPin" TEXT,
    "authorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunbookVersion_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "RunbookEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RunbookVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunbookReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT,
    "reviewerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunbookReview_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "RunbookEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RunbookReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SoakRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "durationS" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "summary" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SoakRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SoakSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "step" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" REAL NOT NULL,
    "correlationId" TEXT,
    "rateLimitRemaining" INTEGER,
    "retryAfterS" REAL,
    "rateLimitReset" INTEGER,
    "errorKind" TEXT,
    CONSTRAINT "SoakSample_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SoakRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_attemptedAt_idx" ON "SignInAttempt"("email", "attemptedAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_clientIp_attemptedAt_idx" ON "SignInAttempt"("clientIp", "attemptedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_correlationId_key" ON "Incident"("correlationId");

-- CreateIndex
CREATE INDEX "Incident_occurredAt_idx" ON "Incident"("occurredAt");

-- CreateIndex
CREATE INDEX "Incident_signature_occurredAt_idx" ON "Incident"("signature", "occurredAt");

-- CreateIndex
CREATE INDEX "Incident_status_occurredAt_idx" ON "Incident"("status", "occurredAt");

-- CreateIndex
CREATE INDEX "Incident_environment_occurredAt_idx" ON "Incident"("environment", "occurredAt");

-- CreateIndex
CREATE INDEX "Incident_tenant_occurredAt_idx" ON "Incident"("tenant", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_callerKey_key_key" ON "IdempotencyRecord"("callerKey", "key");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "CheckRun_incidentId_startedAt_idx" ON "CheckRun"("incidentId", "startedAt");

-- CreateIndex
CREATE INDEX "CheckResult_runId_idx" ON "CheckResult"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeEvent_externalId_key" ON "ChangeEvent"("externalId");

-- CreateIndex
CREATE INDEX "ChangeEvent_environment_occurredAt_idx" ON "ChangeEvent"("environment", "occurredAt");

-- CreateIndex
CREATE INDEX "ChangeEvent_occurredAt_idx" ON "ChangeEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "RunbookEntry_signature_idx" ON "RunbookEntry"("signature");

-- CreateIndex
CREATE INDEX "RunbookEntry_status_idx" ON "RunbookEntry"("status");

-- CreateIndex
CREATE UNIQUE INDEX "RunbookVersion_entryId_version_key" ON "RunbookVersion"("entryId", "version");

-- CreateIndex
CREATE INDEX "RunbookReview_entryId_idx" ON "RunbookReview"("entryId");

-- CreateIndex
CREATE INDEX "SoakRun_createdAt_idx" ON "SoakRun"("createdAt");

-- CreateIndex
CREATE INDEX "SoakSample_runId_sentAt_idx" ON "SoakSample"("runId", "sentAt");


-- Full-text index over what an SRE searches an incident by. External content: the text lives
-- in "Incident" and triggers keep the index in step with every insert, update and delete.
CREATE VIRTUAL TABLE "IncidentSearch" USING fts5(
    "title", "errorString", "correlationId", "tenant", "vin",
    content='Incident', content_rowid='rowid'
);

CREATE TRIGGER "Incident_search_insert" AFTER INSERT ON "Incident" BEGIN
    INSERT INTO "IncidentSearch"(rowid, "title", "errorString", "correlationId", "tenant", "vin")
    VALUES (new.rowid, new."title", new."errorString", new."correlationId", new."tenant", new."vin");
END;

CREATE TRIGGER "Incident_search_delete" AFTER DELETE ON "Incident" BEGIN
    INSERT INTO "IncidentSearch"("IncidentSearch", rowid, "title", "errorString", "correlationId", "tenant", "vin")
    VALUES ('delete', old.rowid, old."title", old."errorString", old."correlationId", old."tenant", old."vin");
END;

CREATE TRIGGER "Incident_search_update" AFTER UPDATE OF "title", "errorString", "correlationId", "tenant", "vin" ON "Incident" BEGIN
    INSERT INTO "IncidentSearch"("IncidentSearch", rowid, "title", "errorString", "correlationId", "tenant", "vin")
    VALUES ('delete', old.rowid, old."title", old."errorString", old."correlationId", old."tenant", old."vin");
    INSERT INTO "IncidentSearch"(rowid, "title", "errorString", "correlationId", "tenant", "vin")
    VALUES (new.rowid, new."title", new."errorString", new."correlationId", new."tenant", new."vin");
END;
