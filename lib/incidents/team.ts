import "server-only";
// Working an incident as a team: acknowledge, own, resolve, reopen, note. One function per verb;
// each writes the change, its audit entry, its timeline event and its webhook event in one
// transaction. State changes are conditional updates, so of two people at once one wins and the
// other is told who did it.
import { recordAudit } from "@/lib/audit/log";
import { authorize, type Actor } from "@/lib/auth/policy";
import { db, type Prisma } from "@/lib/db/client";
import type { Incident } from "@/lib/db/generated/client";
import { maskSecretsInText } from "@/lib/security/secrets";
import { enqueueWebhookEvent } from "@/lib/webhooks/outbox";
import { recordIncidentEvent } from "./events";
import type { IncidentRecord } from "./store";
import type { NoteInput, OwnerChangeInput, ReopeningInput, ResolutionInput } from "./team-schema";
import { incidentEventData, incidentEventText } from "./webhook-payload";

export type TeamRefusal =
  | { ok: false; reason: "not_found"; message: string }
  | { ok: false; reason: "invalid"; message: string; fields: Record<string, string> }
  /** Someone else changed it first: `by` and `at` say who and when, when known. */
  | { ok: false; reason: "conflict"; message: string; by: string | null; at: string | null };
export type TeamResult<T = { incident: IncidentRecord }> = ({ ok: true } & T) | TeamRefusal;

const notFound = (id: string): TeamRefusal => ({
  ok: false,
  reason: "not_found",
  message: `Incident ${id} was not found.`,
});

const readable = (at: Date) => `${at.toISOString().replace("T", " ").slice(0, 19)} UTC`;

function conflict(what: string, by: string | null, at: Date | null): TeamRefusal {
  const who = by ? ` by ${by}` : "";
  const when = at ? ` at ${readable(at)}` : "";
  return {
    ok: false,
    reason: "conflict",
    message: `This incident was already ${what}${who}${when}.`,
    by,
    at: at?.toISOString() ?? null,
  };
}

/** The incident as the verb left it, read inside its transaction. */
async function reread(tx: Prisma.TransactionClient, id: string): Promise<IncidentRecord> {
  const incident = await tx.incident.findUniqueOrThrow({ where: { id } });
  return { ...incident, scopes: JSON.parse(incident.scopes) as string[] };
}

/** Who last recorded this kind of event on the incident: the winner of a lost race. */
async function lastEvent(tx: Prisma.TransactionClient, incidentId: string, kind: string) {
  return tx.incidentEvent.findFirst({
    where: { incidentId, kind },
    orderBy: { id: "desc" },
    select: { actorLabel: true, at: true },
  });
}

export async function acknowledgeIncident({
  actor,
  incidentId,
}: {
  actor: Actor;
  incidentId: string;
}): Promise<TeamResult> {
  authorize(actor, "incident.write");
  return db.$transaction(async (tx) => {
    const at = new Date();
    const { count } = await tx.incident.updateMany({
      where: { id: incidentId, acknowledgedAt: null },
      data: { acknowledgedAt: at, acknowledgedBy: actor.label, acknowledgedById: actor.id },
    });
    if (count === 0) {
      const current = await tx.incident.findUnique({ where: { id: incidentId } });
      if (!current) return notFound(incidentId);
      return conflict("acknowledged", current.acknowledgedBy, current.acknowledgedAt);
    }
    const incident = await reread(tx, incidentId);
    await recordAudit(tx, actor, {
      action: "incident.acknowledge",
      entityType: "incident",
      entityId: incidentId,
      before: { acknowledgedBy: null, acknowledgedAt: null },
      after: { acknowledgedBy: actor.label, acknowledgedAt: at.toISOString() },
    });
    await recordIncidentEvent(tx, actor, { incidentId, kind: "acknowledged", at });
    await enqueueWebhookEvent(tx, {
      event: "incident.acknowledged",
      data: incidentEventData(incident, { acknowledgedBy: actor.label }),
      text: incidentEventText(actor.label, "acknowledged", incident),
      occurredAt: at,
    });
    return { ok: true, incident };
  });
}

type OwnerRef = { id: string; name: string } | null;

export async function setIncidentOwner({
  actor,
  incidentId,
  input,
}: {
  actor: Actor;
  incidentId: string;
  input: OwnerChangeInput;
}): Promise<TeamResult> {
  authorize(actor, "incident.write");
  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUnique({
      where: { id: incidentId },
      include: { owner: { select: { id: true, name: true } } },
    });
    if (!before) return notFound(incidentId);
    let to: OwnerRef = null;
    if (input.ownerId !== null) {
      const user = await tx.user.findUnique({ where: { id: input.ownerId } });
      if (!user || user.disabledAt) {
        const message = "ownerId must be the id of an existing user who is not disabled";
        return { ok: false, reason: "invalid", message, fields: { ownerId: message } } as const;
      }
      to = { id: user.id, name: user.name };
    }
    if (before.ownerId === input.ownerId)
      return { ok: true, incident: await reread(tx, incidentId) };
    const { count } = await tx.incident.updateMany({
      where: { id: incidentId, ownerId: before.ownerId },
      data: { ownerId: input.ownerId },
    });
    if (count === 0) {
      const last = await lastEvent(tx, incidentId, "owner_changed");
      return conflict("given another owner", last?.actorLabel ?? null, last?.at ?? null);
    }
    const incident = await reread(tx, incidentId);
    const from: OwnerRef = before.owner;
    await recordAudit(tx, actor, {
      action: "incident.owner_change",
      entityType: "incident",
      entityId: incidentId,
      before: { owner: from },
      after: { owner: to },
    });
    await recordIncidentEvent(tx, actor, {
      incidentId,
      kind: "owner_changed",
      data: { from, to },
    });
    const did =
      to === null ? "left unowned" : to.id === actor.id ? "took" : `made ${to.name} the owner of`;
    await enqueueWebhookEvent(tx, {
      event: "incident.owner_changed",
      data: incidentEventData(incident, { from, to, changedBy: actor.label }),
      text: incidentEventText(actor.label, did, incident),
    });
    return { ok: true, incident };
  });
}

export async function resolveIncident({
  actor,
  incidentId,
  input,
}: {
  actor: Actor;
  incidentId: string;
  input: ResolutionInput;
}): Promise<TeamResult> {
  authorize(actor, "incident.write");
  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUnique({ where: { id: incidentId } });
    if (!before) return notFound(incidentId);
    const at = new Date();
    const resolution = {
      confirmedCause: input.confirmedCause,
      confirmedCauseNote:
        input.confirmedCauseNote && maskSecretsInText(input.confirmedCauseNote).text,
      resolutionNote: maskSecretsInText(input.resolutionNote).text,
    };
    const { count } = await tx.incident.updateMany({
      where: { id: incidentId, status: { not: "resolved" } },
      data: { status: "resolved", resolvedAt: at, ...resolution },
    });
    if (count === 0) {
      const last = await lastEvent(tx, incidentId, "resolved");
      return conflict("resolved", last?.actorLabel ?? null, last?.at ?? null);
    }
    const incident = await reread(tx, incidentId);
    await recordAudit(tx, actor, {
      action: "incident.resolve",
      entityType: "incident",
      entityId: incidentId,
      before: { status: before.status },
      after: { status: "resolved", ...resolution },
    });
    await recordIncidentEvent(tx, actor, {
      incidentId,
      kind: "resolved",
      at,
      data: { from: before.status, ...resolution },
    });
    await enqueueWebhookEvent(tx, {
      event: "incident.resolved",
      data: incidentEventData(incident, { resolvedBy: actor.label, ...resolution }),
      text: incidentEventText(actor.label, "resolved", incident, `: ${resolution.resolutionNote}`),
      occurredAt: at,
    });
    return { ok: true, incident };
  });
}

export async function reopenIncident({
  actor,
  incidentId,
  input,
}: {
  actor: Actor;
  incidentId: string;
  input: ReopeningInput;
}): Promise<TeamResult> {
  authorize(actor, "incident.write");
  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUnique({ where: { id: incidentId } });
    if (!before) return notFound(incidentId);
    const reason = maskSecretsInText(input.reopenReason).text;
    // A reopened incident has no confirmed cause any more; the timeline keeps the old one.
    const { count } = await tx.incident.updateMany({
      where: { id: incidentId, status: "resolved" },
      data: {
        status: "open",
        resolvedAt: null,
        confirmedCause: null,
        confirmedCauseNote: null,
        resolutionNote: null,
      },
    });
    if (count === 0) {
      const last = await lastEvent(tx, incidentId, "reopened");
      return last
        ? conflict("reopened", last.actorLabel, last.at)
        : conflict("open (it is not resolved)", null, null);
    }
    const incident = await reread(tx, incidentId);
    const resolution = pick(before, ["confirmedCause", "confirmedCauseNote", "resolutionNote"]);
    await recordAudit(tx, actor, {
      action: "incident.reopen",
      entityType: "incident",
      entityId: incidentId,
      before: { status: "resolved", ...resolution },
      after: { status: "open", reopenReason: reason },
    });
    await recordIncidentEvent(tx, actor, {
      incidentId,
      kind: "reopened",
      data: { reason, previously: resolution },
    });
    await enqueueWebhookEvent(tx, {
      event: "incident.reopened",
      data: incidentEventData(incident, { reopenedBy: actor.label, reason }),
      text: incidentEventText(actor.label, "reopened", incident, `: ${reason}`),
    });
    return { ok: true, incident };
  });
}

const pick = <K extends keyof Incident>(incident: Incident, keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, incident[key]])) as Pick<Incident, K>;

export type StoredNote = {
  id: number;
  at: Date;
  actor: string;
  body: string;
  maskedSecrets: number;
};

export async function addIncidentNote({
  actor,
  incidentId,
  input,
}: {
  actor: Actor;
  incidentId: string;
  input: NoteInput;
}): Promise<TeamResult<{ note: StoredNote }>> {
  authorize(actor, "incident.note");
  const masked = maskSecretsInText(input.body);
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { id: true },
    });
    if (!incident) return notFound(incidentId);
    const event = await recordIncidentEvent(tx, actor, {
      incidentId,
      kind: "note",
      body: masked.text,
      maskedSecrets: masked.masked,
    });
    await recordAudit(tx, actor, {
      action: "incident.note",
      entityType: "incident",
      entityId: incidentId,
      after: { noteId: event.id, characters: masked.text.length, maskedSecrets: masked.masked },
    });
    const note = {
      id: event.id,
      at: event.at,
      actor: event.actorLabel,
      body: masked.text,
      maskedSecrets: masked.masked,
    };
    return { ok: true, note } as const;
  });
}

/** The incident's owner (even a disabled one) and who it can be given to: every enabled user. */
export async function incidentTeam(ownerId: string | null) {
  const [owner, users] = await Promise.all([
    ownerId
      ? db.user.findUnique({ where: { id: ownerId }, select: { id: true, name: true } })
      : null,
    db.user.findMany({
      where: { disabledAt: null },
      select: { id: true, name: true, role: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  return { owner, users };
}
