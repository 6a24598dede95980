import "server-only";
// Runbook data access: drafting, revising, submitting and reviewing entries. Every write asks
// the workflow (lib/runbooks/workflow.ts) inside its transaction, so a status read and the
// change made from it cannot interleave with another write, and is audited in that transaction.
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { can } from "@/lib/auth/policy";
import { db, type Prisma } from "@/lib/db/client";
import type { RunbookEntry, RunbookVersion } from "@/lib/db/generated/client";
import { currentDiagnosis } from "@/lib/diagnosis/diagnose";
import type { CauseId } from "@/lib/diagnosis/taxonomy";
import { getIncident } from "@/lib/incidents/store";
import { incidentSignature } from "@/lib/incidents/signature";
import { maskSecretsInText } from "@/lib/security/secrets";
import { enqueueWebhookEvent } from "@/lib/webhooks/outbox";
import {
  RUNBOOK_DRAFT_FIELDS,
  type NewRunbookEntry,
  type ReviewInput,
  type RunbookDraft,
  type RunbookStatus,
} from "./schema";
import { transition, type RunbookEvent } from "./workflow";

export type RunbookVersionRecord = Omit<RunbookVersion, "scopes" | "causeId"> & {
  causeId: CauseId;
  scopes: string[];
  authorName: string | null;
};

export type RunbookReviewRecord = {
  id: string;
  version: number;
  decision: string;
  comment: string | null;
  reviewerName: string | null;
  createdAt: Date;
};

export type RunbookEntryRecord = {
  id: string;
  title: string;
  signature: string;
  causeId: CauseId;
  status: RunbookStatus;
  currentVersion: number;
  approvedVersion: number | null;
  incidentId: string | null;
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
  versions: RunbookVersionRecord[];
  reviews: RunbookReviewRecord[];
};

export type RunbookWriteFailure = {
  ok: false;
  reason:
    "not_found" | "forbidden" | "illegal_transition" | "unchanged" | "stale" | "incident_not_found";
  message: string;
};
export type RunbookWriteResult = { ok: true; entry: RunbookEntryRecord } | RunbookWriteFailure;

const ENTITY = "runbook_entry";

const versionRecord = (
  version: RunbookVersion & { author?: { name: string } | null },
): RunbookVersionRecord => {
  const { author, ...rest } = version;
  return {
    ...rest,
    causeId: rest.causeId as CauseId,
    scopes: JSON.parse(rest.scopes) as string[],
    authorName: author?.name ?? null,
  };
};

async function readEntry(
  client: Prisma.TransactionClient,
  id: string,
): Promise<RunbookEntryRecord | null> {
  const entry = await client.runbookEntry.findUnique({
    where: { id },
    include: {
      author: { select: { name: true } },
      versions: { orderBy: { version: "asc" }, include: { author: { select: { name: true } } } },
      reviews: { orderBy: { createdAt: "asc" }, include: { reviewer: { select: { name: true } } } },
    },
  });
  if (!entry) return null;
  return {
    id: entry.id,
    title: entry.title,
    signature: entry.signature,
    causeId: entry.causeId as CauseId,
    status: entry.status as RunbookStatus,
    currentVersion: entry.currentVersion,
    approvedVersion: entry.approvedVersion,
    incidentId: entry.incidentId,
    authorName: entry.author?.name ?? null,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    versions: entry.versions.map(versionRecord),
    reviews: entry.reviews.map((review) => ({
      id: review.id,
      version: review.version,
      decision: review.decision,
      comment: review.comment,
      reviewerName: review.reviewer?.name ?? null,
      createdAt: review.createdAt,
    })),
  };
}

export const getRunbookEntry = (id: string) => readEntry(db, id);

/** The version shown by default: the approved one while there is one, else the latest. */
export function shownVersion(
  entry: RunbookEntryRecord,
  asked?: number,
): RunbookVersionRecord | null {
  const number = asked ?? entry.approvedVersion ?? entry.currentVersion;
  return entry.versions.find((version) => version.version === number) ?? null;
}

/** A version's content in the draft's shape, for comparing and prefilling the edit form. */
export function draftOf(version: RunbookVersionRecord): RunbookDraft {
  return {
    title: version.title,
    causeId: version.causeId,
    errorString: version.errorString,
    fixApplied: version.fixApplied,
    sdkVersion: version.sdkVersion,
    apiVersion: version.apiVersion,
    scopes: version.scopes,
    correlationId: version.correlationId,
    vendorIncidentId: version.vendorIncidentId,
    supportCaseNumber: version.supportCaseNumber,
    greenDependencyPin: version.greenDependencyPin,
  };
}

/** The fields whose values differ between two drafts, in form order. */
export function changedFields(
  before: RunbookDraft,
  after: RunbookDraft,
): Array<keyof RunbookDraft> {
  return RUNBOOK_DRAFT_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

// Secrets pasted into any text of a draft are masked before its signature is computed or
// anything is stored or compared.
function maskedDraft(draft: RunbookDraft): { draft: RunbookDraft; maskedSecrets: number } {
  let maskedSecrets = 0;
  const masked = Object.fromEntries(
    Object.entries(draft).map(([field, value]) => {
      if (typeof value !== "string") return [field, value];
      const found = maskSecretsInText(value);
      maskedSecrets += found.masked;
      return [field, found.text];
    }),
  ) as RunbookDraft;
  return { draft: masked, maskedSecrets };
}

function versionData(input: RunbookDraft) {
  const { draft, maskedSecrets } = maskedDraft(input);
  return {
    ...draft,
    maskedSecrets,
    scopes: JSON.stringify(draft.scopes),
    signature: incidentSignature(draft.errorString),
  };
}

const refused = (reason: RunbookWriteFailure["reason"], message: string): RunbookWriteFailure => ({
  ok: false,
  reason,
  message,
});

/** What a new entry drafted from this incident starts with; null when there is no such incident. */
export async function runbookDraftFromIncident(
  incidentId: string,
): Promise<(Partial<RunbookDraft> & { incidentId: string }) | null> {
  const incident = await getIncident(incidentId);
  if (!incident) return null;
  // The ranking the incident page shows: the prior, the latest checks and the interview.
  const causeId = (await currentDiagnosis(incident)).ranked[0]!.cause;
  return {
    incidentId,
    title: incident.title,
    causeId,
    errorString: incident.errorString,
    sdkVersion: incident.sdkVersion,
    apiVersion: incident.apiVersion,
    scopes: incident.scopes,
    correlationId: incident.correlationId,
  };
}

export async function createRunbookEntry(
  input: NewRunbookEntry,
  actor: Actor,
): Promise<RunbookWriteResult> {
  if (!can(actor, "runbook.draft"))
    return refused("forbidden", `The ${actor.role} role may not draft runbook entries.`);
  const { incidentId, ...draft } = input;
  return db.$transaction(async (tx) => {
    if (
      incidentId &&
      !(await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } }))
    ) {
      return refused("incident_not_found", `Incident ${incidentId} was not found.`);
    }
    const data = versionData(draft);
    const authorId = actor.kind === "user" ? actor.id : null;
    const entry = await tx.runbookEntry.create({
      data: {
        title: data.title,
        causeId: data.causeId,
        signature: data.signature,
        status: "draft",
        currentVersion: 1,
        incidentId,
        authorId,
        versions: { create: { ...data, version: 1, authorId } },
      },
    });
    await recordAudit(tx, actor, {
      action: "runbook.create",
      entityType: ENTITY,
      entityId: entry.id,
      after: { status: "draft", version: 1, ...data },
    });
    return { ok: true, entry: (await readEntry(tx, entry.id))! } as const;
  });
}

/**
 * Saves an edit as a new version. `basedOn` is the version the editor started from: if someone
 * saved another meanwhile, the edit is refused rather than silently overwriting theirs.
 * An approved entry keeps its approvedVersion; the new version waits for its own review.
 */
export async function reviseRunbookEntry(
  id: string,
  draft: RunbookDraft,
  basedOn: number,
  actor: Actor,
): Promise<RunbookWriteResult> {
  return db.$transaction(async (tx) => {
    const entry = await readEntry(tx, id);
    if (!entry) return refused("not_found", `Runbook entry ${id} was not found.`);
    const move = transition(actor, entry.status, "edit");
    if (!move.ok) return refused(move.reason, move.message);
    if (basedOn !== entry.currentVersion) {
      return refused(
        "stale",
        `Version ${entry.currentVersion} was saved after the version ${basedOn} you edited; reopen the entry to see it.`,
      );
    }
    const current = shownVersion(entry, entry.currentVersion)!;
    const changed = changedFields(draftOf(current), maskedDraft(draft).draft);
    if (changed.length === 0)
      return refused(
        "unchanged",
        "Nothing changed: a new version needs at least one changed field.",
      );
    const data = versionData(draft);
    const version = entry.currentVersion + 1;
    const authorId = actor.kind === "user" ? actor.id : null;
    await tx.runbookVersion.create({ data: { ...data, entryId: id, version, authorId } });
    await tx.runbookEntry.update({
      where: { id },
      data: {
        title: data.title,
        causeId: data.causeId,
        signature: data.signature,
        status: move.to,
        currentVersion: version,
      },
    });
    await recordAudit(tx, actor, {
      action: "runbook.revise",
      entityType: ENTITY,
      entityId: id,
      before: {
        status: entry.status,
        version: entry.currentVersion,
        approvedVersion: entry.approvedVersion,
      },
      after: { status: move.to, version, approvedVersion: entry.approvedVersion, changed },
    });
    return { ok: true, entry: (await readEntry(tx, id))! } as const;
  });
}

async function moveEntry(
  id: string,
  event: RunbookEvent,
  actor: Actor,
  seenVersion: number | undefined,
  write: (
    tx: Prisma.TransactionClient,
    entry: RunbookEntryRecord,
    to: RunbookStatus,
  ) => Promise<Record<string, unknown>>,
): Promise<RunbookWriteResult> {
  return db.$transaction(async (tx) => {
    const entry = await readEntry(tx, id);
    if (!entry) return refused("not_found", `Runbook entry ${id} was not found.`);
    const move = transition(actor, entry.status, event);
    if (!move.ok) return refused(move.reason, move.message);
    if (seenVersion !== undefined && seenVersion !== entry.currentVersion) {
      return refused(
        "stale",
        `Version ${entry.currentVersion} was saved after the version ${seenVersion} you saw; reopen the entry.`,
      );
    }
    const after = await write(tx, entry, move.to);
    await recordAudit(tx, actor, {
      action: `runbook.${event}`,
      entityType: ENTITY,
      entityId: id,
      before: {
        status: entry.status,
        version: entry.currentVersion,
        approvedVersion: entry.approvedVersion,
      },
      after: { status: move.to, version: entry.currentVersion, ...after },
    });
    return { ok: true, entry: (await readEntry(tx, id))! } as const;
  });
}

export function submitRunbookEntry(
  id: string,
  actor: Actor,
  seenVersion?: number,
): Promise<RunbookWriteResult> {
  return moveEntry(id, "submit", actor, seenVersion, async (tx, entry, to) => {
    await tx.runbookEntry.update({ where: { id }, data: { status: to } });
    await enqueueWebhookEvent(tx, {
      event: "runbook.review_requested",
      data: {
        id,
        title: entry.title,
        causeId: entry.causeId,
        version: entry.currentVersion,
        submittedBy: actor.label,
        path: `/runbooks/${id}`,
      },
      text: `:memo: Runbook entry "${entry.title}" (version ${entry.currentVersion}) is waiting for review, submitted by ${actor.label}`,
    });
    return {};
  });
}

/** A support lead's decision on the version in review; approving makes it the approved version. */
export function reviewRunbookEntry(
  id: string,
  review: ReviewInput,
  actor: Actor,
  seenVersion?: number,
): Promise<RunbookWriteResult> {
  return moveEntry(id, review.decision, actor, seenVersion, async (tx, entry, to) => {
    await tx.runbookReview.create({
      data: {
        entryId: id,
        version: entry.currentVersion,
        decision: review.decision,
        comment: review.comment,
        reviewerId: actor.kind === "user" ? actor.id : null,
      },
    });
    const approvedVersion =
      review.decision === "approve" ? entry.currentVersion : entry.approvedVersion;
    await tx.runbookEntry.update({
      where: { id },
      data: review.decision === "approve" ? { status: to, approvedVersion } : { status: to },
    });
    return { approvedVersion, comment: review.comment };
  });
}

export type RunbookSummary = {
  id: string;
  title: string;
  status: RunbookStatus;
  causeId: CauseId;
  signature: string;
  currentVersion: number;
  approvedVersion: number | null;
  authorName: string | null;
  updatedAt: Date;
};

/** An entry row with its author's name, as lists show it. */
export const runbookSummary = (
  entry: RunbookEntry & { author: { name: string } | null },
): RunbookSummary => ({
  id: entry.id,
  title: entry.title,
  status: entry.status as RunbookStatus,
  causeId: entry.causeId as CauseId,
  signature: entry.signature,
  currentVersion: entry.currentVersion,
  approvedVersion: entry.approvedVersion,
  authorName: entry.author?.name ?? null,
  updatedAt: entry.updatedAt,
});

/** Entries drafted from an incident, for its report. */
export async function runbookEntriesOfIncident(incidentId: string): Promise<RunbookSummary[]> {
  const entries = await db.runbookEntry.findMany({
    where: { incidentId },
    orderBy: { updatedAt: "desc" },
    include: { author: { select: { name: true } } },
  });
  return entries.map(runbookSummary);
}

export async function runbookHistory(id: string) {
  return db.auditEvent.findMany({
    where: { entityType: ENTITY, entityId: id },
    orderBy: { at: "desc" },
    take: 50,
  });
}
