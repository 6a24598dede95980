import "server-only";
// Email + password checks, throttled per client and account (sign-in-throttle.ts) and bounded
// by the hashing queue (hash-admission.ts). An unknown email costs the same one dummy hash,
// through the same queue, so neither timing nor refusals reveal which emails have accounts.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/log";
import { db } from "@/lib/db/client";
import type { User } from "@/lib/db/generated/client";
import { withHashAdmission } from "./hash-admission";
import { UNKNOWN_USER_HASH, verifyPassword } from "./password";
import { reserveAttempt, settleAttempt } from "./sign-in-throttle";

export { ACCOUNT_FAILURE_CEILING, BACKOFF_BASE_SECONDS, FREE_FAILURES } from "./sign-in-throttle";

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "email must be an email address" })),
  password: z.string().min(1, { error: "password is required" }).max(256),
});
export type SignInInput = z.infer<typeof signInSchema>;

type Refusal = { ok: false; reason: "throttled" | "busy"; retryAfterSeconds: number };

export type SignInOutcome =
  { ok: true; userId: string } | { ok: false; reason: "invalid" } | Refusal;

export type PasswordCheck =
  { ok: true; user: User } | { ok: false; reason: "invalid"; user: User | null } | Refusal;

/** Checks `password` for the account `email`, counting the attempt against the throttle. */
export async function verifyAccountPassword(
  email: string,
  password: string,
  clientIp: string,
): Promise<PasswordCheck> {
  const admitted = await withHashAdmission(async (): Promise<PasswordCheck> => {
    const attempt = await reserveAttempt(email, clientIp);
    if (!attempt.reserved) {
      return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
    }
    const user = await db.user.findUnique({ where: { email } });
    const valid = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    await settleAttempt(attempt.keys, Boolean(user) && valid);
    return user && valid ? { ok: true, user } : { ok: false, reason: "invalid", user };
  });
  if (!admitted.admitted) {
    return { ok: false, reason: "busy", retryAfterSeconds: admitted.retryAfterSeconds };
  }
  return admitted.value;
}

export async function checkCredentials(
  input: SignInInput,
  clientIp: string,
): Promise<SignInOutcome> {
  const check = await verifyAccountPassword(input.email, input.password, clientIp);
  if (!check.ok && check.reason !== "invalid") return check;
  const user = check.user;
  // A disabled account gets the same answer as a wrong password: nothing to probe for.
  if (check.ok && user?.disabledAt) {
    await recordAudit(
      db,
      { kind: "user", id: user.id, label: user.name },
      {
        action: "session.sign_in_refused_disabled",
        entityType: "user",
        entityId: user.id,
      },
    );
    return { ok: false, reason: "invalid" };
  }
  await recordAudit(
    db,
    user ? { kind: "user", id: user.id, label: user.name } : { kind: "system", label: input.email },
    {
      action: check.ok ? "session.sign_in" : "session.sign_in_failed",
      entityType: "user",
      entityId: user?.id,
    },
  );
  return check.ok ? { ok: true, userId: check.user.id } : { ok: false, reason: "invalid" };
}
