import "server-only";
// Incident creation as the API offers it: single or batched, with Idempotency-Key replay.
import { z } from "zod";
import type { Actor } from "@/lib/auth/policy";
import { db, type Prisma } from "@/lib/db/client";
import { fieldErrors, incidentInputSchema, type IncidentInput } from "./schema";
import { respondOnce, type StoredResponse } from "./idempotency";
import { createIncident, incidentJson } from "./store";

export const MAX_BATCH_SIZE = 500;

export const incidentBatchSchema = z.object({
  incidents: z
    .array(z.unknown(), { error: "incidents must be an array" })
    .min(1, { error: "incidents must hold at least one incident" })
    .max(MAX_BATCH_SIZE, { error: `incidents must hold at most ${MAX_BATCH_SIZE} incidents` }),
});

export type ApiCallerScope = { key: string; apiTokenId: string | null };
export type ApiWriteOutcome = StoredResponse & { replayed: boolean } | { conflict: true };

async function createOne(input: IncidentInput, actor: Actor, tx: Prisma.TransactionClient): Promise<StoredResponse> {
  const result = await createIncident(input, actor, tx);
  if (result.ok) return { status: 201, body: incidentJson(result.incident) };
  if (result.reason === "duplicate_correlation_id") {
    return {
      status: 409,
      body: {
        error: "duplicate_correlation_id",
        message: `An incident with correlationId ${input.correlationId} already exists.`,
        fields: { correlationId: "is already used by another incident" },
        existingId: result.existingId,
      },
    };
  }
  return { status: 404, body: { error: "not_found", message: "Incident not found." } };
}

// Each item is validated and written on its own; one bad item does not sink the batch.
async function createMany(items: unknown[], actor: Actor, tx: Prisma.TransactionClient): Promise<StoredResponse> {
  const results = [];
  for (const [index, item] of items.entries()) {
    const parsed = incidentInputSchema.safeParse(item);
    if (!parsed.success) {
      results.push({ index, status: 400, error: "validation_failed", fields: fieldErrors(parsed.error) });
      continue;
    }
    const created = await createOne(parsed.data, actor, tx);
    results.push(
      created.status === 201
        ? { index, status: 201, id: (created.body as { id: string }).id }
        : { index, status: created.status, ...(created.body as object) },
    );
  }
  const createdCount = results.filter((result) => result.status === 201).length;
  return { status: 207, body: { created: createdCount, failed: results.length - createdCount, results } };
}

function run(
  actor: Actor,
  scope: ApiCallerScope,
  idempotencyKey: string | null,
  requestBody: unknown,
  produce: (tx: Prisma.TransactionClient) => Promise<StoredResponse>,
): Promise<ApiWriteOutcome> {
  if (idempotencyKey) return respondOnce(scope, idempotencyKey, requestBody, produce);
  return db.$transaction(async (tx) => ({ ...(await produce(tx)), replayed: false }));
}

export function createIncidentViaApi(
  input: IncidentInput,
  requestBody: unknown,
  actor: Actor,
  scope: ApiCallerScope,
  idempotencyKey: string | null,
) {
  return run(actor, scope, idempotencyKey, requestBody, (tx) => createOne(input, actor, tx));
}

export function createIncidentBatchViaApi(
  items: unknown[],
  requestBody: unknown,
  actor: Actor,
  scope: ApiCallerScope,
  idempotencyKey: string | null,
) {
  return run(actor, scope, idempotencyKey, requestBody, (tx) => createMany(items, actor, tx));
}
