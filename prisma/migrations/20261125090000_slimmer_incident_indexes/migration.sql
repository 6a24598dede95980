-- Since the IncidentTrendDay roll-up, no query reads an index for likelyCause or resolvedAt, and
-- (environment, occurredAt) is a prefix of the top-signatures index: fewer B-trees for every
-- incident filed to update.
-- DropIndex
DROP INDEX "Incident_environment_occurredAt_idx";

-- DropIndex
DROP INDEX "Incident_environment_occurredAt_likelyCause_signature_idx";

-- DropIndex
DROP INDEX "Incident_environment_resolvedAt_occurredAt_idx";

-- CreateIndex
CREATE INDEX "Incident_environment_occurredAt_signature_idx" ON "Incident"("environment", "occurredAt", "signature");

