import "server-only";
// The audit log: who did what, when, with the record before and after. Writers call this
// inside the same transaction as the change, so a change never lands without its entry.
import type { Actor } from "@/lib/auth/policy";
import type { Prisma } from "@/lib/db/client";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

export type AuditActor = Pick<Actor, "kind" | "id" | "label"> | { kind: "system"; label: string };

const snapshot = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorType: actor.kind,
      actorId: "id" in actor ? actor.id : null,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
    },
  });
}
