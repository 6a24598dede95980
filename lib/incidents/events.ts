import "server-only";
// An incident's stored timeline events: notes and the team's state changes. Writers call this
// inside the transaction of the change it records, so a change never lands without its event.
import type { AuditActor } from "@/lib/audit/log";
import type { Prisma } from "@/lib/db/client";

export const INCIDENT_EVENT_KINDS = [
  "note",
  "acknowledged",
  "owner_changed",
  "status_changed",
  "resolved",
  "reopened",
] as const;
export type IncidentEventKind = (typeof INCIDENT_EVENT_KINDS)[number];

export type IncidentEventInput = {
  incidentId: string;
  kind: IncidentEventKind;
  /** A note's Markdown source, already masked. */
  body?: string;
  maskedSecrets?: number;
  /** The kind's own fields, e.g. `{ from, to }` for a status change. */
  data?: Record<string, unknown>;
  at?: Date;
};

export async function recordIncidentEvent(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  event: IncidentEventInput,
) {
  return tx.incidentEvent.create({
    data: {
      incidentId: event.incidentId,
      kind: event.kind,
      at: event.at,
      actorType: actor.kind,
      actorId: "id" in actor ? actor.id : null,
      actorLabel: actor.label,
      body: event.body ?? null,
      maskedSecrets: event.maskedSecrets ?? 0,
      data: event.data ? JSON.stringify(event.data) : null,
    },
  });
}
