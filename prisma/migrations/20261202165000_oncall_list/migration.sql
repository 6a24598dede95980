-- The on-call list: unresolved first, then most severe, then newest. Prisma cannot describe an
-- expression index, so this one lives here only; the list's ORDER BY repeats it term for term
-- (lib/incidents/store.ts, incidentOrder), and the status filters seek on its first term.
CREATE INDEX "Incident_oncall_idx" ON "Incident"(("status" = 'resolved'), "severity", "occurredAt" DESC, "id");

-- The live list's version reads the newest updatedAt among the listed incidents.
-- CreateIndex
CREATE INDEX "Incident_updatedAt_idx" ON "Incident"("updatedAt");
