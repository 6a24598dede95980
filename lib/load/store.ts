import "server-only";
// Soak run data access: reads and writes of SoakRun, SoakSampleChunk and SoakSecond go through
// here (the runner's batches through db-sink.ts). A run's row keeps its plan without secrets
// (credential hints only), its lifecycle (pending -> running -> completed | cancelled | failed |
// interrupted) and its summary.
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/log";
import { db } from "@/lib/db/client";
import { environmentSchema } from "@/lib/incidents/schema";
import { maskSecretsInText, maskSecretsInUrl } from "@/lib/security/secrets";
import type { Prisma, SoakRun, SoakSecond } from "@/lib/db/generated/client";
import {
  DEFAULT_SUCCESS_THRESHOLD_PCT,
  requestBudgetOf,
  retryOptionSchema,
  scheduleSchema,
  SOAK_METHODS,
  type SoakPlan,
} from "./plan";
import { unpackSamples } from "./sample-chunk";
import type { SoakSampleRecord, SoakSummary } from "./types";
import { soakVerdict } from "./verdict";

export const SOAK_RUN_STATUSES = [
  "pending",
  "running",
  "completed",
  "cancelled",
  "interrupted",
  "failed",
] as const;
export type SoakRunStatus = (typeof SOAK_RUN_STATUSES)[number];
export const ACTIVE_STATUSES: readonly SoakRunStatus[] = ["pending", "running"];
export type SoakRunOrigin = "app" | "cli";

export const isActiveStatus = (status: string) =>
  (ACTIVE_STATUSES as readonly string[]).includes(status);

/** "••••abcd": enough to tell two keys apart, never enough to use one. Short secrets show nothing. */
export function secretHint(secret: string | undefined): string | null {
  if (!secret) return null;
  return secret.length > 8 ? `••••${secret.slice(-4)}` : "••••";
}

// What a run's `options` column holds. Read back through zod: the column is JSON text.
const storedOptionsSchema = z.object({
  timeoutMs: z.number(),
  connections: z.number(),
  retry: retryOptionSchema.nullable(),
  apiVersion: z.string().nullable(),
  credentialHints: z.object({ apiKey: z.string().nullable(), bearerToken: z.string().nullable() }),
  bodyBytes: z.number().nullable(),
  // Runs stored before verdicts existed were judged by the default.
  successThresholdPct: z.number().default(DEFAULT_SUCCESS_THRESHOLD_PCT),
});
export type StoredSoakOptions = z.infer<typeof storedOptionsSchema>;

function storedOptions(plan: SoakPlan): StoredSoakOptions {
  return {
    timeoutMs: plan.timeoutMs,
    connections: plan.connections,
    retry: plan.retry ?? null,
    apiVersion: plan.credentials.apiVersion ?? null,
    credentialHints: {
      apiKey: secretHint(plan.credentials.apiKey),
      bearerToken: secretHint(plan.credentials.bearerToken),
    },
    bodyBytes: plan.body === undefined ? null : Buffer.byteLength(plan.body),
    successThresholdPct: plan.successThresholdPct,
  };
}

/** A run's plan as stored: what was asked for, with credentials reduced to hints. */
export type PublicSoakPlan = Omit<SoakPlan, "credentials" | "body" | "retry" | "requestBudget"> & {
  retry: SoakPlan["retry"] | null;
  requestBudget: number;
  apiVersion: string | null;
  credentialHints: StoredSoakOptions["credentialHints"];
  bodyBytes: number | null;
};

const summarySchema = z.custom<SoakSummary>(
  (value) => typeof value === "object" && value !== null && "outcome" in value && "steps" in value,
);

export type SoakRunRecord = Omit<SoakRun, "status" | "summary"> & {
  status: SoakRunStatus;
  plan: PublicSoakPlan;
  summary: SoakSummary | null;
  createdByLabel: string | null;
};

type SoakRunWithCreator = SoakRun & { createdBy: { name: string } | null };

function toRecord(run: SoakRunWithCreator): SoakRunRecord {
  const { createdBy, ...row } = run;
  const options = storedOptionsSchema.parse(JSON.parse(run.options));
  const summary = run.summary ? summarySchema.parse(JSON.parse(run.summary)) : null;
  return {
    ...row,
    status: z.enum(SOAK_RUN_STATUSES).parse(run.status),
    summary,
    createdByLabel: createdBy?.name ?? null,
    plan: {
      name: run.name,
      environment: environmentSchema.parse(run.environment),
      targetUrl: run.targetUrl,
      method: z.enum(SOAK_METHODS).parse(run.method),
      schedule: scheduleSchema.parse(JSON.parse(run.schedule)),
      durationS: run.durationS,
      timeoutMs: options.timeoutMs,
      connections: options.connections,
      retry: options.retry,
      requestBudget: run.requestBudget,
      apiVersion: options.apiVersion,
      credentialHints: options.credentialHints,
      bodyBytes: options.bodyBytes,
      successThresholdPct: options.successThresholdPct,
    },
  };
}

/** The API's JSON for a run. */
export function soakRunJson(run: SoakRunRecord) {
  const verdict = soakVerdict(run.plan, run.status, run.summary);
  return {
    id: run.id,
    name: run.name,
    maskedSecrets: run.maskedSecrets,
    status: run.status,
    origin: run.origin,
    plan: run.plan,
    createdBy: run.createdByLabel,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    heartbeatAt: run.heartbeatAt?.toISOString() ?? null,
    cancelRequestedAt: run.cancelRequestedAt?.toISOString() ?? null,
    failureReason: run.failureReason,
    verdict: verdict?.verdict ?? null,
    verdictReasons: verdict?.reasons ?? [],
    summary: run.summary,
  };
}
export type SoakRunJson = ReturnType<typeof soakRunJson>;

const withCreator = { createdBy: { select: { name: true } } } as const;

async function insertSoakRun(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  plan: SoakPlan,
  origin: SoakRunOrigin,
): Promise<SoakRunRecord> {
  // The runner keeps the plan as given; what is stored (and shown, and audited) is masked.
  const name = maskSecretsInText(plan.name);
  const targetUrl = maskSecretsInUrl(plan.targetUrl);
  const run = await tx.soakRun.create({
    data: {
      name: name.text,
      environment: plan.environment,
      targetUrl: targetUrl.text,
      maskedSecrets: name.masked + targetUrl.masked,
      method: plan.method,
      schedule: JSON.stringify(plan.schedule),
      options: JSON.stringify(storedOptions(plan)),
      durationS: plan.durationS,
      requestBudget: requestBudgetOf(plan),
      origin,
      status: "pending",
      createdById: actor.kind === "user" ? actor.id : null,
    },
    include: withCreator,
  });
  const record = toRecord(run);
  await recordAudit(tx, actor, {
    action: "soak.create",
    entityType: "soak_run",
    entityId: run.id,
    after: soakRunJson(record),
  });
  return record;
}

export async function createSoakRun(
  actor: AuditActor,
  plan: SoakPlan,
  origin: SoakRunOrigin,
): Promise<SoakRunRecord> {
  return db.$transaction((tx) => insertSoakRun(tx, actor, plan, origin));
}

const APP_SLOT = "app";

export type AppSoakRunClaim =
  { ok: true; run: SoakRunRecord } | { ok: false; holder: SoakRunRecord | null };

/** The run holding the app's slot, if it is still going: active, and beating since `staleBefore`. */
async function liveSlotHolder(
  tx: Prisma.TransactionClient,
  runId: string | null,
  staleBefore: Date,
): Promise<SoakRunRecord | null> {
  if (!runId) return null;
  const run = await tx.soakRun.findUnique({ where: { id: runId }, include: withCreator });
  if (!run || !isActiveStatus(run.status)) return null;
  const lastSign = run.heartbeatAt ?? run.startedAt ?? run.createdAt;
  return lastSign >= staleBefore ? toRecord(run) : null;
}

/**
 * Creates an app run if the app's slot is free (its last run has ended, or its runner has not
 * beaten since `staleBefore`), claiming the slot in the same transaction. The claim is an
 * update on the version read, so of two starts at once, in one instance or two, one wins and
 * the other finds the winner holding the slot.
 */
export async function createAppSoakRun(
  actor: AuditActor,
  plan: SoakPlan,
  staleBefore: Date,
): Promise<AppSoakRunClaim> {
  const claim = await db.$transaction(async (tx): Promise<AppSoakRunClaim> => {
    const slot = await tx.soakSlot.upsert({
      where: { name: APP_SLOT },
      create: { name: APP_SLOT },
      update: {},
    });
    const holder = await liveSlotHolder(tx, slot.runId, staleBefore);
    if (holder) return { ok: false, holder };
    const { count } = await tx.soakSlot.updateMany({
      where: { name: APP_SLOT, version: slot.version },
      data: { version: slot.version + 1 },
    });
    if (count === 0) return { ok: false, holder: null };
    const run = await insertSoakRun(tx, actor, plan, "app");
    await tx.soakSlot.update({ where: { name: APP_SLOT }, data: { runId: run.id } });
    return { ok: true, run };
  });
  if (claim.ok || claim.holder) return claim;
  // Another start won the slot while this one read it: name its run, committed by now.
  const slot = await db.soakSlot.findUnique({ where: { name: APP_SLOT } });
  return { ok: false, holder: await liveSlotHolder(db, slot?.runId ?? null, staleBefore) };
}

export async function getSoakRun(id: string): Promise<SoakRunRecord | null> {
  const run = await db.soakRun.findUnique({ where: { id }, include: withCreator });
  return run ? toRecord(run) : null;
}

export async function listSoakRuns(limit = 50): Promise<SoakRunRecord[]> {
  const runs = await db.soakRun.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    include: withCreator,
  });
  return runs.map(toRecord);
}

/** pending -> running. False when the run is gone or no longer pending (swept, cancelled). */
export async function markSoakRunStarted(id: string, at = new Date()): Promise<boolean> {
  const { count } = await db.soakRun.updateMany({
    where: { id, status: "pending" },
    data: { status: "running", startedAt: at, heartbeatAt: at },
  });
  return count === 1;
}

export type Heartbeat = { alive: boolean; cancelRequested: boolean };

/**
 * The runner's "still alive". `alive` is false once the run is no longer running (a sweep took
 * it for dead while this process stalled): the runner should stop writing.
 */
export async function beatSoakRun(id: string, at = new Date()): Promise<Heartbeat> {
  const { count } = await db.soakRun.updateMany({
    where: { id, status: "running" },
    data: { heartbeatAt: at },
  });
  if (count === 0) return { alive: false, cancelRequested: false };
  const run = await db.soakRun.findUnique({ where: { id }, select: { cancelRequestedAt: true } });
  return { alive: true, cancelRequested: Boolean(run?.cancelRequestedAt) };
}

export type FinishedStatus = Exclude<SoakRunStatus, "pending" | "running">;

/** Records how a run ended. Leaves a run that already ended (swept as interrupted) as it is. */
export async function finishSoakRun(
  id: string,
  ending: {
    status: FinishedStatus;
    summary: SoakSummary | null;
    failureReason?: string | null;
    at?: Date;
  },
): Promise<boolean> {
  const { count } = await db.soakRun.updateMany({
    where: { id, status: { in: [...ACTIVE_STATUSES] } },
    data: {
      status: ending.status,
      finishedAt: ending.at ?? new Date(),
      summary: ending.summary ? JSON.stringify(ending.summary) : null,
      failureReason: ending.failureReason ?? null,
    },
  });
  return count === 1;
}

export type CancelRequest =
  | { ok: true; run: SoakRunRecord }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "finished"; status: SoakRunStatus };

/** Asks a run to stop; whichever process runs it sees the request on its next heartbeat. */
export async function requestSoakRunCancel(id: string, actor: AuditActor): Promise<CancelRequest> {
  return db.$transaction(async (tx) => {
    const before = await tx.soakRun.findUnique({ where: { id }, include: withCreator });
    if (!before) return { ok: false, reason: "not_found" } as const;
    const record = toRecord(before);
    if (!isActiveStatus(record.status))
      return { ok: false, reason: "finished", status: record.status } as const;
    const run = await tx.soakRun.update({
      where: { id },
      data: { cancelRequestedAt: before.cancelRequestedAt ?? new Date() },
      include: withCreator,
    });
    await recordAudit(tx, actor, {
      action: "soak.cancel",
      entityType: "soak_run",
      entityId: id,
      before: { status: record.status },
      after: { cancelRequestedAt: run.cancelRequestedAt },
    });
    return { ok: true, run: toRecord(run) } as const;
  });
}

/** Active runs whose runner has gone quiet: no heartbeat since `cutoff` (or none at all, and created before it). */
export async function staleSoakRuns(cutoff: Date): Promise<SoakRunRecord[]> {
  const runs = await db.soakRun.findMany({
    where: {
      status: { in: [...ACTIVE_STATUSES] },
      OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, createdAt: { lt: cutoff } }],
    },
    include: withCreator,
  });
  return runs.map(toRecord);
}

/**
 * Marks a stale run interrupted with the summary rebuilt from its samples, in one transaction,
 * and only if it is still stale: a runner that woke up in the meantime keeps its run.
 */
export async function markSoakRunInterrupted(
  id: string,
  cutoff: Date,
  summary: SoakSummary | null,
  reason: string,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.soakRun.updateMany({
      where: {
        id,
        status: { in: [...ACTIVE_STATUSES] },
        OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, createdAt: { lt: cutoff } }],
      },
      data: {
        status: "interrupted",
        finishedAt: new Date(),
        summary: summary ? JSON.stringify(summary) : null,
        failureReason: reason,
      },
    });
    if (count === 1) {
      await recordAudit(
        tx,
        { kind: "system", label: "soak run sweep" },
        {
          action: "soak.interrupted",
          entityType: "soak_run",
          entityId: id,
          after: { status: "interrupted", reason },
        },
      );
    }
    return count === 1;
  });
}

export async function soakSeconds(runId: string): Promise<SoakSecond[]> {
  return db.soakSecond.findMany({ where: { runId }, orderBy: { second: "asc" } });
}

/** Stored chunks (SAMPLES_PER_CHUNK samples at most) a page of samples holds. */
export const SAMPLE_CHUNKS_PER_PAGE = 10;

/**
 * A run's samples in the order they were written, a page of `chunksPerPage` stored chunks at a
 * time. Lazy: the next page is read only when the caller asks for it, so memory holds one page
 * however large the run.
 */
export async function* soakSamplePages(
  runId: string,
  chunksPerPage = SAMPLE_CHUNKS_PER_PAGE,
): AsyncGenerator<SoakSampleRecord[]> {
  for (let afterId = 0; ;) {
    const chunks = await db.soakSampleChunk.findMany({
      where: { runId, id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: chunksPerPage,
      select: { id: true, samples: true },
    });
    if (chunks.length === 0) return;
    yield chunks.flatMap((chunk) => unpackSamples(chunk.id, chunk.samples));
    if (chunks.length < chunksPerPage) return;
    afterId = chunks[chunks.length - 1]!.id;
  }
}
