import "server-only";
// A signed-in user changing their own password. The current password is checked under the
// sign-in throttle and hashing queue; the change ends every other session of the user.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/log";
import { db } from "@/lib/db/client";
import { withHashAdmission } from "./hash-admission";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password";
import type { SessionUser } from "./session";
import { verifyAccountPassword } from "./sign-in";

/** Shared by the account form and its server action. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { error: "currentPassword is required" }).max(256),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, {
        error: `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters`,
      })
      .max(256, { error: "newPassword must be at most 256 characters" }),
    confirmPassword: z.string().max(256),
  })
  .refine((input) => input.confirmPassword === input.newPassword, {
    path: ["confirmPassword"],
    error: "confirmPassword must match newPassword",
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    error: "newPassword must differ from the current password",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export type ChangePasswordOutcome =
  | { ok: true }
  | { ok: false; reason: "invalid" | "conflict" }
  | { ok: false; reason: "throttled" | "busy"; retryAfterSeconds: number };

export async function changePassword({
  actor,
  input,
  clientIp,
}: {
  actor: SessionUser;
  input: ChangePasswordInput;
  clientIp: string;
}): Promise<ChangePasswordOutcome> {
  const check = await verifyAccountPassword(actor.email, input.currentPassword, clientIp);
  if (!check.ok && check.reason === "invalid") {
    await recordAudit(db, actor, {
      action: "user.password_change_refused",
      entityType: "user",
      entityId: actor.id,
    });
    return { ok: false, reason: "invalid" };
  }
  if (!check.ok) return check;
  const hashed = await withHashAdmission(() => hashPassword(input.newPassword));
  if (!hashed.admitted) {
    return { ok: false, reason: "busy", retryAfterSeconds: hashed.retryAfterSeconds };
  }

  return db.$transaction(async (tx): Promise<ChangePasswordOutcome> => {
    const now = new Date();
    // Conditional on the hash just verified: of two changes racing, only one lands.
    const changed = await tx.user.updateMany({
      where: { id: actor.id, passwordHash: check.user.passwordHash },
      data: { passwordHash: hashed.value, passwordChangedAt: now },
    });
    if (changed.count === 0) return { ok: false, reason: "conflict" };
    const ended = await tx.session.updateMany({
      where: { userId: actor.id, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: now },
    });
    await recordAudit(tx, actor, {
      action: "user.password_changed",
      entityType: "user",
      entityId: actor.id,
      after: { otherSessionsEnded: ended.count },
    });
    return { ok: true };
  });
}
