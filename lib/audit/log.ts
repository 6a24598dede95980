import "server-only";
// The audit log: who did what, when, with the record before and after. Writers call this
// inside the same transaction as the change, so a change never lands without its entry.
import type { Actor } from "@/lib/auth/policy";
import { Prisma } from "@/lib/db/client";
import { sqliteTime } from "@/lib/db/sqlite-time";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

export type AuditActor = Pick<Actor, "kind" | "id" | "label"> | { kind: "system"; label: string };

const snapshot = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

const row = (actor: AuditActor, entry: AuditEntry) => ({
  actorType: actor.kind,
  actorId: "id" in actor ? actor.id : null,
  actorLabel: actor.label,
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

/** Many entries in one INSERT (raw SQL: bulk writes through Prisma cost several times more). */
export async function recordAuditMany(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = sqliteTime(new Date());
  const values = entries.map((entry) => {
    const r = row(actor, entry);
    return Prisma.sql`(${r.actorType}, ${r.actorId}, ${r.actorLabel}, ${r.action}, ${r.entityType}, ${r.entityId}, ${r.before}, ${r.after}, ${at})`;
  });
  await tx.$executeRaw`INSERT INTO "AuditEvent" (actorType, actorId, actorLabel, action, entityType, entityId, before, after, at)
    VALUES ${Prisma.join(values)}`;
}
