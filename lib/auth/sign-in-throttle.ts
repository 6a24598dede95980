import "server-only";
// Sign-in failure throttling, counted in the database so parallel requests and several app
// instances share one count. Each attempt is reserved by a conditional update before any
// password is hashed; the attempt that reaches a limit holds it until its own outcome is known.
import { db, type Prisma } from "@/lib/db/client";
import { lockTransaction } from "@/lib/db/dialect";

type ThrottlePolicy = {
  /** Failures allowed before any wait. */
  free: number;
  /** Wait after the `free`-th failure, doubling with each further one up to `capMs`. */
  baseDelayMs: number;
  capMs: number;
  /** Failures are forgotten once this long has passed since the count started. */
  windowMs: number;
  /** A success clears the count rather than only not counting. */
  clearedBySuccess: boolean;
};

export const FREE_FAILURES = 5;
export const BACKOFF_BASE_SECONDS = 30;
export const ACCOUNT_FAILURE_CEILING = 100;
const MINUTE = 60_000;

// One client guessing one account backs off; the rightful user elsewhere is not touched.
const CLIENT_AND_ACCOUNT: ThrottlePolicy = {
  free: FREE_FAILURES,
  baseDelayMs: BACKOFF_BASE_SECONDS * 1000,
  capMs: 15 * MINUTE,
  windowMs: 24 * 60 * MINUTE,
  clearedBySuccess: true,
};
// One address spraying many accounts.
const CLIENT: ThrottlePolicy = {
  free: 30,
  baseDelayMs: 15 * MINUTE,
  capMs: 15 * MINUTE,
  windowMs: 15 * MINUTE,
  clearedBySuccess: false,
};
// Only a flood from many addresses trips this; then it protects the account from everyone.
const ACCOUNT: ThrottlePolicy = {
  free: ACCOUNT_FAILURE_CEILING,
  baseDelayMs: 15 * MINUTE,
  capMs: 15 * MINUTE,
  windowMs: 15 * MINUTE,
  clearedBySuccess: false,
};
// How long a limit-reaching attempt holds the key while it hashes (a crash releases it then).
const HOLD_MS = MINUTE;
const NOT_BLOCKED = new Date(0);

export const clientAccountKey = (client: string, email: string) =>
  `client-account:${JSON.stringify([client, email])}`;
export const clientKey = (client: string) => `client:${client}`;
export const accountKey = (email: string) => `account:${email}`;

type ReservedKey = { key: string; policy: ThrottlePolicy; holds: boolean };
export type AttemptReservation =
  { reserved: true; keys: ReservedKey[] } | { reserved: false; retryAfterSeconds: number };

class Refused extends Error {
  constructor(readonly blockedUntil: Date) {
    super("sign-in attempt refused by the throttle");
  }
}

async function reserveKey(
  tx: Prisma.TransactionClient,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<ReservedKey | Date> {
  const open = { lte: now };
  await tx.signInThrottle.updateMany({
    where: { key, blockedUntil: open, windowStartedAt: { lte: new Date(+now - policy.windowMs) } },
    data: { failures: 0, windowStartedAt: now },
  });
  const belowLimit = await tx.signInThrottle.updateMany({
    where: { key, blockedUntil: open, failures: { lt: policy.free - 1 } },
    data: { failures: { increment: 1 } },
  });
  if (belowLimit.count === 1) return { key, policy, holds: false };
  const hold = new Date(+now + HOLD_MS);
  const atLimit = await tx.signInThrottle.updateMany({
    where: { key, blockedUntil: open },
    data: { failures: { increment: 1 }, blockedUntil: hold },
  });
  if (atLimit.count === 1) return { key, policy, holds: true };
  const row = await tx.signInThrottle.findUnique({ where: { key } });
  if (row) return row.blockedUntil;
  const holds = policy.free <= 1;
  await tx.signInThrottle.create({
    data: { key, failures: 1, windowStartedAt: now, blockedUntil: holds ? hold : NOT_BLOCKED },
  });
  return { key, policy, holds };
}

/** Counts one attempt against every limit, or refuses it (counting nothing) with the wait. */
export async function reserveAttempt(email: string, client: string): Promise<AttemptReservation> {
  const scopes: [string, ThrottlePolicy][] = [
    [clientAccountKey(client, email), CLIENT_AND_ACCOUNT],
    [clientKey(client), CLIENT],
    [accountKey(email), ACCOUNT],
  ];
  try {
    const keys = await db.$transaction(async (tx) => {
      const now = new Date();
      const reserved: ReservedKey[] = [];
      const blocked: Date[] = [];
      for (const [key, policy] of scopes) {
        // Parallel first attempts would each create the key's row; the keys are always taken in
        // this one order, so two attempts never wait on each other in a circle.
        await lockTransaction(tx, `sign-in-throttle:${key}`);
        const outcome = await reserveKey(tx, key, policy, now);
        if (outcome instanceof Date) blocked.push(outcome);
        else reserved.push(outcome);
      }
      // Throwing rolls back the counts this refused attempt took on the other keys.
      if (blocked.length > 0) throw new Refused(new Date(Math.max(...blocked.map(Number))));
      return reserved;
    });
    return { reserved: true, keys };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const seconds = Math.ceil((+error.blockedUntil - Date.now()) / 1000);
    return { reserved: false, retryAfterSeconds: Math.max(1, seconds) };
  }
}

const delayAfter = (failures: number, policy: ThrottlePolicy) =>
  Math.min(policy.capMs, policy.baseDelayMs * 2 ** Math.max(0, failures - policy.free));

/** Records how a reserved attempt ended: a success is not counted, a failure may start a wait. */
export async function settleAttempt(keys: ReservedKey[], succeeded: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const now = Date.now();
    for (const { key, policy, holds } of keys) {
      if (succeeded && policy.clearedBySuccess) {
        await tx.signInThrottle.deleteMany({ where: { key } });
      } else if (succeeded) {
        await tx.signInThrottle.updateMany({
          where: { key, failures: { gt: 0 } },
          data: { failures: { decrement: 1 }, ...(holds ? { blockedUntil: NOT_BLOCKED } : {}) },
        });
      } else if (holds) {
        const row = await tx.signInThrottle.findUnique({ where: { key } });
        if (row) {
          await tx.signInThrottle.update({
            where: { key },
            data: { blockedUntil: new Date(now + delayAfter(row.failures, policy)) },
          });
        }
      }
    }
  });
}
