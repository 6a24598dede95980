import "server-only";
// Email + password sign-in with failure throttling per email and per client address.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/log";
import { db } from "@/lib/db/client";
import { UNKNOWN_USER_HASH, verifyPassword } from "./password";

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "email must be an email address" })),
  password: z.string().min(1, { error: "password is required" }).max(256),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const FAILURE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_CLIENT = 30;

export type SignInOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

async function throttledFor(email: string, clientIp: string): Promise<number | null> {
  const since = new Date(Date.now() - FAILURE_WINDOW_MS);
  const failures = (where: { email: string } | { clientIp: string }) =>
    db.signInAttempt.findMany({
      where: { ...where, succeeded: false, attemptedAt: { gte: since } },
      orderBy: { attemptedAt: "asc" },
      select: { attemptedAt: true },
    });
  const [byEmail, byClient] = await Promise.all([failures({ email }), failures({ clientIp })]);
  const limited = [
    byEmail.length >= MAX_FAILURES_PER_EMAIL ? byEmail.at(-MAX_FAILURES_PER_EMAIL) : undefined,
    byClient.length >= MAX_FAILURES_PER_CLIENT ? byClient.at(-MAX_FAILURES_PER_CLIENT) : undefined,
  ].filter((attempt) => attempt !== undefined);
  if (limited.length === 0) return null;
  const oldestCounted = Math.max(...limited.map((attempt) => attempt.attemptedAt.getTime()));
  return Math.max(1, Math.ceil((oldestCounted + FAILURE_WINDOW_MS - Date.now()) / 1000));
}

export async function checkCredentials(
  input: SignInInput,
  clientIp: string,
): Promise<SignInOutcome> {
  const retryAfterSeconds = await throttledFor(input.email, clientIp);
  if (retryAfterSeconds !== null) return { ok: false, reason: "throttled", retryAfterSeconds };

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(input.password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  const succeeded = Boolean(user) && valid;

  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { email: input.email, clientIp, succeeded } });
    await recordAudit(
      tx,
      user
        ? { kind: "user", id: user.id, label: user.name }
        : { kind: "system", label: input.email },
      {
        action: succeeded ? "session.sign_in" : "session.sign_in_failed",
        entityType: "user",
        entityId: user?.id,
      },
    );
  });
  return succeeded && user ? { ok: true, userId: user.id } : { ok: false, reason: "invalid" };
}
