import "server-only";
// The audit log: who did what, when, with the record before and after. Writers call this
// inside the same transaction as the change, so a change never lands without its entry.
import type { Actor } from "@/lib/auth/policy";
import { Prisma } from "@/lib/db/client";
import { insertJsonRows } from "@/lib/db/dialect";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

export type AuditActor = Pick<Actor, "kind" | "id" | "label"> | { kind: "system"; label: string };

const snapshot = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

const actorColumns = (actor: AuditActor) => ({
  actorType: actor.kind,
  actorId: "id" in actor ? actor.id : null,
  actorLabel: actor.label,
});

const row = (actor: AuditActor, entry: AuditEntry) => ({
  ...actorColumns(actor),
  action: entry.action,
  entityType: entry.entityType,
  entityId: entry.entityId ?? null,
  before: snapshot(entry.before),
  after: snapshot(entry.after),
});

export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditEvent.create({ data: row(actor, entry) });
}

/**
 * Many entries in one INSERT. The rows travel as one JSON parameter (lib/db/dialect.ts):
 * binding thousands of separate parameters through Prisma costs more than the write.
 * Each entry's before/after snapshot is kept as JSON text, as recordAudit stores it.
 */
export async function recordAuditMany(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const { actorType, actorId, actorLabel } = actorColumns(actor);
  const at = new Date();
  const rows = entries.map((entry) => [
    actorType,
    actorId,
    actorLabel,
    entry.action,
    entry.entityType,
    entry.entityId ?? null,
    snapshot(entry.before),
    snapshot(entry.after),
    at,
  ]);
  await tx.$executeRaw(insertJsonRows("AuditEvent", AUDIT_COLUMNS, rows));
}

const AUDIT_COLUMNS = [
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "entityType",
  "entityId",
  "before",
  "after",
  "at",
] as const;
