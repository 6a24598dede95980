import "server-only";
// Webhooks as the admin manages them: create (the secret shown once), list, disable, and each
// one's deliveries with every attempt. The secret never leaves this module except on creation.
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { db, type Prisma } from "@/lib/db/client";
import { maskUrl } from "@/lib/security/secrets";
import { destinationProblem, type Lookup } from "./destination";
import type { WebhookInput } from "./schema";

const ENTITY = "webhook";

export type WebhookRecord = {
  id: string;
  url: string;
  events: string[];
  createdBy: string | null;
  createdAt: Date;
  disabledAt: Date | null;
  lastDelivery: { event: string; status: string; lastStatus: number | null; at: Date } | null;
};

type WebhookRow = {
  id: string;
  url: string;
  events: string;
  createdAt: Date;
  disabledAt: Date | null;
  createdBy: { name: string } | null;
  deliveries: { event: string; status: string; lastStatus: number | null; createdAt: Date }[];
};

const withSummary = {
  createdBy: { select: { name: true } },
  deliveries: {
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 1,
    select: { event: true, status: true, lastStatus: true, createdAt: true },
  },
} satisfies Prisma.WebhookInclude;

// Fields picked one by one, never spread: the row carries the secret.
const toRecord = (row: WebhookRow): WebhookRecord => {
  const last = row.deliveries[0];
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    createdBy: row.createdBy?.name ?? null,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
    lastDelivery: last
      ? { event: last.event, status: last.status, lastStatus: last.lastStatus, at: last.createdAt }
      : null,
  };
};

/** JSON as the API answers it: dates as ISO 8601, no secret. */
export const webhookJson = (webhook: WebhookRecord) => ({
  ...webhook,
  createdAt: webhook.createdAt.toISOString(),
  disabledAt: webhook.disabledAt?.toISOString() ?? null,
  lastDelivery: webhook.lastDelivery
    ? { ...webhook.lastDelivery, at: webhook.lastDelivery.at.toISOString() }
    : null,
});

const generatedSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

export type CreateWebhookResult =
  { ok: true; webhook: WebhookRecord; secret: string } | { ok: false; fields: { url: string } };

/**
 * Saves a webhook once its host resolves only to allowed addresses. The secret is returned
 * here and nowhere else; the audit log records that one was set, never its value.
 */
export async function createWebhook(
  input: WebhookInput,
  actor: Actor,
  options: { lookup?: Lookup } = {},
): Promise<CreateWebhookResult> {
  const problem = await destinationProblem(input.url, options);
  if (problem) return { ok: false, fields: { url: problem } };
  const secret = input.secret ?? generatedSecret();
  const created = await db.$transaction(async (tx) => {
    const webhook = await tx.webhook.create({
      data: {
        url: input.url,
        events: JSON.stringify(input.events),
        secret,
        createdById: actor.kind === "user" ? actor.id : null,
      },
      include: withSummary,
    });
    await recordAudit(tx, actor, {
      action: "webhook.create",
      entityType: ENTITY,
      entityId: webhook.id,
      after: {
        url: maskUrl(input.url),
        events: input.events,
        secret: input.secret ? "given" : "generated",
      },
    });
    return webhook;
  });
  return { ok: true, webhook: toRecord(created), secret };
}

export async function listWebhooks(): Promise<WebhookRecord[]> {
  const rows = await db.webhook.findMany({
    include: withSummary,
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(toRecord);
}

export async function getWebhook(id: string): Promise<WebhookRecord | null> {
  const row = await db.webhook.findUnique({ where: { id }, include: withSummary });
  return row ? toRecord(row) : null;
}

export type DisableWebhookResult =
  | { ok: true; webhook: WebhookRecord; cancelled: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "already_disabled"; disabledAt: Date };

/**
 * Stops a webhook: nothing new is queued for it and its pending deliveries end as failed. Its
 * log stays readable. Two admins at once get one winner; the other hears when it happened.
 */
export async function disableWebhook(id: string, actor: Actor): Promise<DisableWebhookResult> {
  return db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.webhook.updateMany({
      where: { id, disabledAt: null },
      data: { disabledAt: now },
    });
    if (count === 0) {
      const existing = await tx.webhook.findUnique({ where: { id }, select: { disabledAt: true } });
      return existing?.disabledAt
        ? { ok: false, reason: "already_disabled", disabledAt: existing.disabledAt }
        : { ok: false, reason: "not_found" };
    }
    const cancelled = await tx.webhookDelivery.updateMany({
      where: { webhookId: id, status: "pending" },
      data: {
        status: "failed",
        lastError: "the webhook was disabled",
        finishedAt: now,
        leaseUntil: null,
      },
    });
    await recordAudit(tx, actor, {
      action: "webhook.disable",
      entityType: ENTITY,
      entityId: id,
      before: { disabledAt: null },
      after: { disabledAt: now.toISOString(), cancelledDeliveries: cancelled.count },
    });
    const webhook = await tx.webhook.findUniqueOrThrow({ where: { id }, include: withSummary });
    return { ok: true, webhook: toRecord(webhook), cancelled: cancelled.count };
  });
}

export type WebhookAttemptRecord = {
  attempt: number;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
};

export type WebhookDeliveryRecord = {
  id: string;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  payload: unknown;
  attemptLog: WebhookAttemptRecord[];
};

/** A webhook's newest deliveries with every attempt, oldest attempt first. */
export async function listDeliveries(
  webhookId: string,
  limit: number,
): Promise<WebhookDeliveryRecord[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { webhookId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { attemptLog: { orderBy: { attempt: "asc" } } },
  });
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    payload: JSON.parse(row.payload) as unknown,
    attemptLog: row.attemptLog.map((attempt) => ({
      attempt: attempt.attempt,
      at: attempt.at,
      statusCode: attempt.statusCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
  }));
}

export const deliveryJson = (delivery: WebhookDeliveryRecord) => ({
  ...delivery,
  nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
  createdAt: delivery.createdAt.toISOString(),
  finishedAt: delivery.finishedAt?.toISOString() ?? null,
  attemptLog: delivery.attemptLog.map((attempt) => ({
    ...attempt,
    at: attempt.at.toISOString(),
  })),
});
