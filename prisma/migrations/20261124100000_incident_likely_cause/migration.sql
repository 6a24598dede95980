-- Trends group incidents by cause in SQL: the top cause is stored on the incident (classifier prior,
-- then a completed check run's top cause), with covering indexes for the trend aggregations.
-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "likelyCause" TEXT;

-- CreateIndex
CREATE INDEX "Incident_occurredAt_environment_likelyCause_httpStatus_signature_idx" ON "Incident"("occurredAt", "environment", "likelyCause", "httpStatus", "signature");

-- CreateIndex
CREATE INDEX "Incident_resolvedAt_environment_occurredAt_idx" ON "Incident"("resolvedAt", "environment", "occurredAt");

