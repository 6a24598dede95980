-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserInvite" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStartedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blockedUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "HashAdmission" (
    "slot" INTEGER NOT NULL,
    "holder" TEXT,
    "heldUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HashAdmission_pkey" PRIMARY KEY ("slot")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
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
    "maskedSecrets" INTEGER NOT NULL DEFAULT 0,
    "signature" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "ownerId" TEXT,
    "confirmedCause" TEXT,
    "confirmedCauseNote" TEXT,
    "resolutionNote" TEXT,
    "initialCause" TEXT,
    "firstCheckCause" TEXT,
    "likelyCause" TEXT,
    "reporterId" TEXT,
    "reporterLabel" TEXT NOT NULL,
    "vendorConnectionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" SERIAL NOT NULL,
    "callerKey" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "responseBody" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiTokenId" TEXT,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" TEXT,
    "after" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentAnswer" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "answeredBy" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckRun" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "triggeredById" TEXT,
    "ranking" TEXT,

    CONSTRAINT "CheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckResult" (
    "id" SERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "causeId" TEXT,
    "summary" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "CheckResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "tenant" TEXT,
    "summary" TEXT NOT NULL,
    "details" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunbookEntry" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "causeId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "approvedVersion" INTEGER,
    "incidentId" TEXT,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunbookEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunbookVersion" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "causeId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "sdkVersion" TEXT,
    "apiVersion" TEXT,
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "correlationId" TEXT,
    "errorString" TEXT NOT NULL,
    "fixApplied" TEXT NOT NULL,
    "vendorIncidentId" TEXT,
    "supportCaseNumber" TEXT,
    "greenDependencyPin" TEXT,
    "maskedSecrets" INTEGER NOT NULL DEFAULT 0,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunbookVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunbookReview" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT,
    "reviewerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunbookReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SoakRun" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "maskedSecrets" INTEGER NOT NULL DEFAULT 0,
    "method" TEXT NOT NULL DEFAULT 'GET',
    "schedule" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '{}',
    "durationS" INTEGER NOT NULL,
    "requestBudget" INTEGER NOT NULL DEFAULT 0,
    "origin" TEXT NOT NULL DEFAULT 'app',
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "cancelRequestedAt" TIMESTAMP(3),
    "failureReason" TEXT,
    "summary" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SoakRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SoakSlot" (
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "runId" TEXT,

    CONSTRAINT "SoakSlot_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SoakSample" (
    "id" SERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "second" INTEGER NOT NULL DEFAULT 0,
    "step" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "status" INTEGER NOT NULL,
    "latencyMs" DOUBLE PRECISION NOT NULL,
    "correlationId" TEXT,
    "rateLimitRemaining" INTEGER,
    "retryAfterS" DOUBLE PRECISION,
    "rateLimitReset" INTEGER,
    "errorKind" TEXT,

    CONSTRAINT "SoakSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SoakSecond" (
    "runId" TEXT NOT NULL,
    "second" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "targetRate" DOUBLE PRECISION NOT NULL,
    "sent" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "ok" INTEGER NOT NULL,
    "status429" INTEGER NOT NULL,
    "status5xx" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "p50Ms" DOUBLE PRECISION,
    "p95Ms" DOUBLE PRECISION,
    "p99Ms" DOUBLE PRECISION,
    "maxMs" DOUBLE PRECISION,

    CONSTRAINT "SoakSecond_pkey" PRIMARY KEY ("runId","second")
);

-- CreateTable
CREATE TABLE "ProbeSample" (
    "id" SERIAL NOT NULL,
    "environment" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" DOUBLE PRECISION NOT NULL,
    "correlationId" TEXT NOT NULL,
    "rateLimitLimit" INTEGER,
    "rateLimitRemaining" INTEGER,
    "rateLimitReset" INTEGER,
    "retryAfterS" DOUBLE PRECISION,
    "errorKind" TEXT,

    CONSTRAINT "ProbeSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProbeMinute" (
    "environment" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "status429" INTEGER NOT NULL,
    "status5xx" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "p50Ms" DOUBLE PRECISION,
    "p95Ms" DOUBLE PRECISION,
    "p99Ms" DOUBLE PRECISION,
    "maxMs" DOUBLE PRECISION,
    "minRemaining" INTEGER,

    CONSTRAINT "ProbeMinute_pkey" PRIMARY KEY ("environment","endpoint","minute")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ProbeStateChange" (
    "id" SERIAL NOT NULL,
    "environment" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "previous" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "lastStatus" INTEGER,
    "failureShare" DOUBLE PRECISION,

    CONSTRAINT "ProbeStateChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" SERIAL NOT NULL,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "body" TEXT,
    "maskedSecrets" INTEGER NOT NULL DEFAULT 0,
    "data" TEXT,

    CONSTRAINT "IncidentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentViewer" (
    "incidentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentViewer_pkey" PRIMARY KEY ("incidentId","userId")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" SERIAL NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VendorConnection" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "baseUrl" TEXT,
    "authOrigin" TEXT,
    "apiOrigin" TEXT,
    "v3Origin" TEXT,
    "managementOrigin" TEXT,
    "clientId" TEXT,
    "clientSecretEnc" TEXT,
    "managementTokenEnc" TEXT,
    "adminKeyEnc" TEXT,
    "tenantKeysEnc" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VendorConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmartcarAccountLink" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "smartcarUserId" TEXT NOT NULL,
    "refreshTokenEnc" TEXT NOT NULL,
    "accessTokenEnc" TEXT NOT NULL,
    "accessExpiresAt" TIMESTAMP(3) NOT NULL,
    "refreshExpiresAt" TIMESTAMP(3) NOT NULL,
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "refreshLeaseUntil" TIMESTAMP(3),
    "refreshLeaseOwner" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SmartcarAccountLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmartcarConnectState" (
    "id" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmartcarConnectState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "UserInvite_tokenHash_key" ON "UserInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "UserInvite_userId_idx" ON "UserInvite"("userId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_correlationId_key" ON "Incident"("correlationId");

-- CreateIndex
CREATE INDEX "Incident_occurredAt_idx" ON "Incident"("occurredAt");

-- CreateIndex
CREATE INDEX "Incident_signature_occurredAt_status_severity_tenant_idx" ON "Incident"("signature", "occurredAt", "status", "severity", "tenant");

-- CreateIndex
CREATE INDEX "Incident_status_occurredAt_idx" ON "Incident"("status", "occurredAt");

-- CreateIndex
CREATE INDEX "Incident_tenant_occurredAt_idx" ON "Incident"("tenant", "occurredAt");

-- CreateIndex
CREATE INDEX "Incident_vendorConnectionId_idx" ON "Incident"("vendorConnectionId");

-- CreateIndex
CREATE INDEX "Incident_ownerId_status_idx" ON "Incident"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Incident_updatedAt_idx" ON "Incident"("updatedAt");

-- CreateIndex
CREATE INDEX "Incident_environment_occurredAt_signature_idx" ON "Incident"("environment", "occurredAt", "signature");

-- CreateIndex
CREATE INDEX "Incident_httpStatus_environment_occurredAt_idx" ON "Incident"("httpStatus", "environment", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_callerKey_key_key" ON "IdempotencyRecord"("callerKey", "key");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentAnswer_incidentId_questionId_key" ON "IncidentAnswer"("incidentId", "questionId");

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
CREATE INDEX "RunbookVersion_signature_idx" ON "RunbookVersion"("signature");

-- CreateIndex
CREATE UNIQUE INDEX "RunbookVersion_entryId_version_key" ON "RunbookVersion"("entryId", "version");

-- CreateIndex
CREATE INDEX "RunbookReview_entryId_idx" ON "RunbookReview"("entryId");

-- CreateIndex
CREATE INDEX "SoakRun_createdAt_idx" ON "SoakRun"("createdAt");

-- CreateIndex
CREATE INDEX "SoakRun_status_idx" ON "SoakRun"("status");

-- CreateIndex
CREATE INDEX "SoakSample_runId_sentAt_idx" ON "SoakSample"("runId", "sentAt");

-- CreateIndex
CREATE INDEX "ProbeSample_sentAt_idx" ON "ProbeSample"("sentAt");

-- CreateIndex
CREATE INDEX "ProbeSample_environment_endpoint_sentAt_idx" ON "ProbeSample"("environment", "endpoint", "sentAt");

-- CreateIndex
CREATE INDEX "ProbeMinute_minute_idx" ON "ProbeMinute"("minute");

-- CreateIndex
CREATE INDEX "ProbeMinute_status429_environment_minute_idx" ON "ProbeMinute"("status429", "environment", "minute");

-- CreateIndex
CREATE INDEX "ProbeStateChange_environment_endpoint_at_idx" ON "ProbeStateChange"("environment", "endpoint", "at");

-- CreateIndex
CREATE INDEX "ProbeStateChange_at_idx" ON "ProbeStateChange"("at");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_id_idx" ON "IncidentEvent"("incidentId", "id");

-- CreateIndex
CREATE INDEX "IncidentViewer_seenAt_idx" ON "IncidentViewer"("seenAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_idx" ON "WebhookAttempt"("deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "VendorConnection_name_key" ON "VendorConnection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SmartcarAccountLink_connectionId_label_key" ON "SmartcarAccountLink"("connectionId", "label");

-- CreateIndex
CREATE UNIQUE INDEX "SmartcarAccountLink_connectionId_smartcarUserId_key" ON "SmartcarAccountLink"("connectionId", "smartcarUserId");

-- CreateIndex
CREATE UNIQUE INDEX "SmartcarConnectState_stateHash_key" ON "SmartcarConnectState"("stateHash");

-- CreateIndex
CREATE INDEX "SmartcarConnectState_expiresAt_idx" ON "SmartcarConnectState"("expiresAt");

-- AddForeignKey
ALTER TABLE "UserInvite" ADD CONSTRAINT "UserInvite_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_vendorConnectionId_fkey" FOREIGN KEY ("vendorConnectionId") REFERENCES "VendorConnection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyRecord" ADD CONSTRAINT "IdempotencyRecord_apiTokenId_fkey" FOREIGN KEY ("apiTokenId") REFERENCES "ApiToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentAnswer" ADD CONSTRAINT "IncidentAnswer_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckRun" ADD CONSTRAINT "CheckRun_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckRun" ADD CONSTRAINT "CheckRun_triggeredById_fkey" FOREIGN KEY ("triggeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckResult" ADD CONSTRAINT "CheckResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "CheckRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeEvent" ADD CONSTRAINT "ChangeEvent_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunbookEntry" ADD CONSTRAINT "RunbookEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunbookEntry" ADD CONSTRAINT "RunbookEntry_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunbookVersion" ADD CONSTRAINT "RunbookVersion_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "RunbookEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunbookVersion" ADD CONSTRAINT "RunbookVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunbookReview" ADD CONSTRAINT "RunbookReview_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "RunbookEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunbookReview" ADD CONSTRAINT "RunbookReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoakRun" ADD CONSTRAINT "SoakRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoakSample" ADD CONSTRAINT "SoakSample_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SoakRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoakSecond" ADD CONSTRAINT "SoakSecond_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SoakRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEvent" ADD CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentViewer" ADD CONSTRAINT "IncidentViewer_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentViewer" ADD CONSTRAINT "IncidentViewer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorConnection" ADD CONSTRAINT "VendorConnection_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmartcarAccountLink" ADD CONSTRAINT "SmartcarAccountLink_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "VendorConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmartcarConnectState" ADD CONSTRAINT "SmartcarConnectState_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "VendorConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmartcarConnectState" ADD CONSTRAINT "SmartcarConnectState_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

