-- The trend queries filter by environment: with it leading, one environment is one index range
-- instead of a scan that skips the other's rows; 429 lookups get their own indexes.
-- DropIndex
DROP INDEX "Incident_occurredAt_environment_likelyCause_httpStatus_signature_idx";

-- DropIndex
DROP INDEX "Incident_resolvedAt_environment_occurredAt_idx";

-- CreateIndex
CREATE INDEX "Incident_environment_occurredAt_likelyCause_signature_idx" ON "Incident"("environment", "occurredAt", "likelyCause", "signature");

-- CreateIndex
CREATE INDEX "Incident_environment_resolvedAt_occurredAt_idx" ON "Incident"("environment", "resolvedAt", "occurredAt");

-- CreateIndex
CREATE INDEX "Incident_httpStatus_environment_occurredAt_idx" ON "Incident"("httpStatus", "environment", "occurredAt");

-- CreateIndex
CREATE INDEX "ProbeMinute_status429_environment_minute_idx" ON "ProbeMinute"("status429", "environment", "minute");

