import "server-only";
// Incident creation as the API offers it: single or batched, with Idempotency-Key replay.
import { z } from "zod";
import type { Actor } from "@/lib/auth/policy";
import { db, type Prisma } from "@/lib/db/client";
import { fieldErrors, incidentInputSchema, type IncidentInput } from "./schema";
import { respondOnce, type StoredResponse } from "./idempotency";
import {
  createIncident,
  createIncidents,
  incidentJson,
  splitDuplicateIncidents,
  unknownVendorConnectionIds,
  unknownVendorConnectionMessage,
} from "./store";

export const MAX_BATCH_SIZE = 500;

export const incidentBatchSchema = z.object({
  incidents: z
    .array(z.unknown(), { error: "incidents must be an array" })
    .min(1, { error: "incidents must hold at least one incident" })
    .max(MAX_BATCH_SIZE, { error: `incidents must hold at most ${MAX_BATCH_SIZE} incidents` }),
});

export type ApiCallerScope = { key: string; apiTokenId: string | null };
export type ApiWriteOutcome = (StoredResponse & { replayed: boolean }) | { conflict: true };

async function createOne(
  input: IncidentInput,
  actor: Actor,
  tx: Prisma.TransactionClient,
): Promise<StoredResponse> {
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
  if (result.reason === "unknown_vendor_connection")
    return {
      status: 400,
      body: {
        error: "validation_failed",
        message: unknownVendorConnectionMessage(result.vendorConnectionId),
        fields: { vendorConnectionId: unknownVendorConnectionMessage(result.vendorConnectionId) },
      },
    };
  return { status: 404, body: { error: "not_found", message: "Incident not found." } };
}

const duplicate = (index: number, correlationId: string, existingId?: string) => ({
  index,
  status: 409,
  error: "duplicate_correlation_id",
  message: `An incident with correlationId ${correlationId} already exists${existingId ? "" : " earlier in this batch"}.`,
  fields: { correlationId: "is already used by another incident" },
  ...(existingId ? { existingId } : {}),
});

// Each item is validated on its own, so one bad item does not sink the batch; the good ones
// are written together.
async function createMany(
  items: unknown[],
  actor: Actor,
  tx: Prisma.TransactionClient,
): Promise<StoredResponse> {
  const results: Array<Record<string, unknown> & { index: number; status: number }> = [];
  const valid: Array<{ index: number; input: IncidentInput }> = [];
  for (const [index, item] of items.entries()) {
    const parsed = incidentInputSchema.safeParse(item);
    if (parsed.success) valid.push({ index, input: parsed.data });
    else
      results.push({
        index,
        status: 400,
        error: "validation_failed",
        fields: fieldErrors(parsed.error),
      });
  }
  const unknown = await unknownVendorConnectionIds(
    valid.map(({ input }) => input.vendorConnectionId),
    tx,
  );
  for (const { index, input } of valid)
    if (input.vendorConnectionId && unknown.has(input.vendorConnectionId))
      results.push({
        index,
        status: 400,
        error: "validation_failed",
        fields: { vendorConnectionId: unknownVendorConnectionMessage(input.vendorConnectionId) },
      });
  const { fresh, duplicates } = await splitDuplicateIncidents(
    valid.filter(
      ({ input }) => !input.vendorConnectionId || !unknown.has(input.vendorConnectionId),
    ),
    tx,
  );
  for (const { item, existingId } of duplicates)
    results.push(duplicate(item.index, item.input.correlationId, existingId));
  const created = await createIncidents(
    fresh.map(({ input }) => input),
    actor,
    tx,
  );
  const createdIds = new Map(created.map((incident) => [incident.correlationId, incident.id]));
  for (const { index, input } of fresh)
    results.push({ index, status: 201, id: createdIds.get(input.correlationId) });
  results.sort((a, b) => a.index - b.index);
  return {
    status: 207,
    body: { created: created.length, failed: results.length - created.length, results },
  };
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
