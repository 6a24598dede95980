import "server-only";
// Idempotency-Key for POSTs (the IETF httpapi draft's semantics): the first request with a key
// runs and its response is stored; a retry with the same key and body gets that response back
// and changes nothing; the same key with a different body is refused.
import { createHash } from "node:crypto";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db/client";
import { lockTransaction } from "@/lib/db/dialect";

export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1, { error: "Idempotency-Key must not be empty" })
  .max(255, { error: "Idempotency-Key must be at most 255 characters" });

const KEY_LIFETIME_MS = 24 * 3_600_000;

export type StoredResponse = { status: number; body: unknown };
export type IdempotentOutcome = (StoredResponse & { replayed: boolean }) | { conflict: true };

export async function respondOnce(
  caller: { key: string; apiTokenId: string | null },
  idempotencyKey: string,
  requestBody: unknown,
  produce: (tx: Prisma.TransactionClient) => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  const requestHash = createHash("sha256").update(JSON.stringify(requestBody)).digest("hex");
  // One serialized transaction per key: two concurrent retries queue, and the second sees the
  // first's record.
  return db.$transaction(async (tx) => {
    await lockTransaction(tx, `idempotency:${caller.key}:${idempotencyKey}`);
    const where = { callerKey_key: { callerKey: caller.key, key: idempotencyKey } };
    const existing = await tx.idempotencyRecord.findUnique({ where });
    if (existing && Date.now() - existing.createdAt.getTime() < KEY_LIFETIME_MS) {
      if (existing.requestHash !== requestHash) return { conflict: true } as const;
      return {
        status: existing.statusCode,
        body: JSON.parse(existing.responseBody),
        replayed: true,
      };
    }
    const response = await produce(tx);
    const record = {
      requestHash,
      statusCode: response.status,
      responseBody: JSON.stringify(response.body),
      apiTokenId: caller.apiTokenId,
      createdAt: new Date(),
    };
    await tx.idempotencyRecord.upsert({
      where,
      create: { callerKey: caller.key, key: idempotencyKey, ...record },
      update: record,
    });
    return { ...response, replayed: false };
  });
}
