import "server-only";
// Admission to password hashing. Each scrypt takes 128 MiB and a libuv thread for a good
// part of a second, so a burst of sign-ins could starve every other request: a request takes
// one of a few places in this database-held queue (shared by all app instances) or is
// refused at once with a Retry-After.
import { randomUUID } from "node:crypto";
import { db, isUniqueViolation } from "@/lib/db/client";

export const HASH_QUEUE_CAPACITY = 4;
// Long enough for a queued hash on a busy machine; a crashed holder's place returns after it.
const LEASE_MS = 60_000;
// A place frees up within about one hash; clients wait this long before trying again.
export const HASH_RETRY_AFTER_SECONDS = 1;

export type HashTicket = { release: () => Promise<void> };

const FREE = new Date(0);

async function takeSlot(slot: number, holder: string, known: Date | undefined): Promise<boolean> {
  const now = new Date();
  const heldUntil = new Date(now.getTime() + LEASE_MS);
  if (known === undefined) {
    try {
      await db.hashAdmission.create({ data: { slot, holder, heldUntil } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }
  }
  if (known > now) return false;
  const { count } = await db.hashAdmission.updateMany({
    where: { slot, heldUntil: { lte: now } },
    data: { holder, heldUntil },
  });
  return count === 1;
}

/** A place in the hashing queue, or null when every place is taken. */
export async function admitHashing(): Promise<HashTicket | null> {
  const holder = randomUUID();
  const rows = await db.hashAdmission.findMany({ select: { slot: true, heldUntil: true } });
  const heldUntil = new Map(rows.map((row) => [row.slot, row.heldUntil]));
  for (let slot = 0; slot < HASH_QUEUE_CAPACITY; slot++) {
    if (await takeSlot(slot, holder, heldUntil.get(slot))) {
      return {
        release: async () => {
          await db.hashAdmission.updateMany({
            where: { slot, holder },
            data: { holder: null, heldUntil: FREE },
          });
        },
      };
    }
  }
  return null;
}

export type Admitted<T> =
  { admitted: true; value: T } | { admitted: false; retryAfterSeconds: number };

/** Runs `work` holding a place in the hashing queue, or refuses without running it. */
export async function withHashAdmission<T>(work: () => Promise<T>): Promise<Admitted<T>> {
  const ticket = await admitHashing();
  if (!ticket) return { admitted: false, retryAfterSeconds: HASH_RETRY_AFTER_SECONDS };
  try {
    return { admitted: true, value: await work() };
  } finally {
    await ticket.release();
  }
}
