import "server-only";
// Users as the admin manages them: create (with a password or a one-time invite link), change
// role, disable and enable, set a password. Every write is conditional on the state it was
// decided from, audited in its transaction, and keeps at least one active admin.
import { createHash, randomBytes } from "node:crypto";
import { recordAudit, type AuditActor } from "@/lib/audit/log";
import { withHashAdmission } from "@/lib/auth/hash-admission";
import { hashPassword, unusablePasswordHash } from "@/lib/auth/password";
import { roleSchema, type Role } from "@/lib/auth/roles";
import { db, isUniqueViolation, Prisma } from "@/lib/db/client";
import { lockTransaction } from "@/lib/db/dialect";
import type { User } from "@/lib/db/generated/client";
import {
  INVITE_LIFETIME_HOURS,
  type AcceptInvite,
  type NewUser,
  type UserStatus,
  type UserUpdate,
} from "./schema";

export type UserRecord = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
};

/** An invite link's secret, shown once: the admin passes `/invite/<token>` on. */
export type IssuedInvite = { token: string; path: string; expiresAt: Date };

export type UserWriteFailure = {
  ok: false;
  reason: "not_found" | "email_taken" | "last_admin" | "conflict" | "disabled" | "busy";
  message: string;
  retryAfterSeconds?: number;
};

const ENTITY = "user";

const hashInviteToken = (token: string) => createHash("sha256").update(token).digest("hex");

const refused = (
  reason: UserWriteFailure["reason"],
  message: string,
  retryAfterSeconds?: number,
): UserWriteFailure => ({ ok: false, reason, message, retryAfterSeconds });

const busy = (retryAfterSeconds: number) =>
  refused(
    "busy",
    `Password hashing is busy. Try again in ${retryAfterSeconds} second(s).`,
    retryAfterSeconds,
  );

// An invited user's password was never set: it still carries its creation time, and an
// invite exists. A password set directly, or chosen through the link, moves passwordChangedAt.
function statusOf(user: User, invites: number): UserStatus {
  if (user.disabledAt) return "disabled";
  return invites > 0 && user.passwordChangedAt.getTime() === user.createdAt.getTime()
    ? "invited"
    : "active";
}

function record(user: User, invites: number, lastSignInAt: Date | null): UserRecord {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: roleSchema.catch("manager").parse(user.role),
    status: statusOf(user, invites),
    disabledAt: user.disabledAt,
    lastSignInAt,
    createdAt: user.createdAt,
  };
}

/** Every user, by name, with when each last signed in (their newest session). */
export async function listUsers(): Promise<UserRecord[]> {
  const [users, signIns] = await Promise.all([
    db.user.findMany({
      orderBy: [{ name: "asc" }, { email: "asc" }],
      include: { _count: { select: { invites: true } } },
    }),
    db.session.groupBy({ by: ["userId"], _max: { createdAt: true } }),
  ]);
  const last = new Map(signIns.map((row) => [row.userId, row._max.createdAt]));
  return users.map((user) => record(user, user._count.invites, last.get(user.id) ?? null));
}

export async function getUser(id: string): Promise<UserRecord | null> {
  const user = await db.user.findUnique({
    where: { id },
    include: { _count: { select: { invites: true } } },
  });
  if (!user) return null;
  const session = await db.session.findFirst({
    where: { userId: id },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return record(user, user._count.invites, session?.createdAt ?? null);
}

export function userJson(user: UserRecord) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    status: user.status,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function inviteJson(invite: IssuedInvite) {
  return { invitePath: invite.path, inviteExpiresAt: invite.expiresAt.toISOString() };
}

/** Ends the user's open invites and makes a new one. */
async function newInvite(
  tx: Prisma.TransactionClient,
  userId: string,
  createdBy: AuditActor,
): Promise<IssuedInvite> {
  const now = new Date();
  await tx.userInvite.updateMany({
    where: { userId, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_HOURS * 3_600_000);
  await tx.userInvite.create({
    data: {
      userId,
      tokenHash: hashInviteToken(token),
      expiresAt,
      createdById: "id" in createdBy && createdBy.kind === "user" ? createdBy.id : null,
    },
  });
  return { token, path: `/invite/${token}`, expiresAt };
}

class LastAdminError extends Error {}

/** Inside a write's transaction, after it: refuses (rolls back) a change that took the last admin. */
async function keepAnAdmin(tx: Prisma.TransactionClient): Promise<void> {
  // Two admins demoting each other at once: the second counts only after the first commits.
  await lockTransaction(tx, "users:active-admins");
  const admins = await tx.user.count({ where: { role: "admin", disabledAt: null } });
  if (admins === 0) throw new LastAdminError();
}

const LAST_ADMIN =
  "Pitstop needs at least one active admin: make another user admin before this change.";

export async function createUser({
  actor,
  input,
}: {
  actor: AuditActor;
  input: NewUser;
}): Promise<{ ok: true; user: UserRecord; invite: IssuedInvite | null } | UserWriteFailure> {
  let passwordHash = unusablePasswordHash();
  if (input.password !== undefined) {
    const hashed = await withHashAdmission(() => hashPassword(input.password!));
    if (!hashed.admitted) return busy(hashed.retryAfterSeconds);
    passwordHash = hashed.value;
  }
  try {
    return await db.$transaction(async (tx) => {
      const now = new Date();
      const user = await tx.user.create({
        data: {
          name: input.name,
          email: input.email,
          role: input.role,
          passwordHash,
          createdAt: now,
          passwordChangedAt: now,
        },
      });
      const invite = input.password === undefined ? await newInvite(tx, user.id, actor) : null;
      await recordAudit(tx, actor, {
        action: "user.create",
        entityType: ENTITY,
        entityId: user.id,
        after: {
          name: user.name,
          email: user.email,
          role: user.role,
          password: invite ? "invite link" : "set by admin",
          inviteExpiresAt: invite?.expiresAt ?? null,
        },
      });
      return { ok: true as const, user: record(user, invite ? 1 : 0, null), invite };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return refused("email_taken", `email ${input.email} already belongs to a user.`);
    }
    throw error;
  }
}

/** A new one-time link for a user (a lost or expired invite, or a forgotten password). */
export async function issueInvite({
  actor,
  userId,
}: {
  actor: AuditActor;
  userId: string;
}): Promise<{ ok: true; invite: IssuedInvite } | UserWriteFailure> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) return refused("not_found", `User ${userId} was not found.`);
    if (user.disabledAt) {
      return refused("disabled", `${user.name} is disabled; enable them before inviting them.`);
    }
    const invite = await newInvite(tx, userId, actor);
    await recordAudit(tx, actor, {
      action: "user.invite",
      entityType: ENTITY,
      entityId: userId,
      after: { inviteExpiresAt: invite.expiresAt },
    });
    return { ok: true as const, invite };
  });
}

/**
 * An admin's change to a user: role, disabled, password, any of them at once. Disabling or a
 * new password ends the user's sessions; a change that would leave no active admin is refused.
 */
export async function updateUser({
  actor,
  userId,
  input,
}: {
  actor: AuditActor;
  userId: string;
  input: UserUpdate;
}): Promise<{ ok: true; user: UserRecord } | UserWriteFailure> {
  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    const hashed = await withHashAdmission(() => hashPassword(input.password!));
    if (!hashed.admitted) return busy(hashed.retryAfterSeconds);
    passwordHash = hashed.value;
  }
  try {
    const outcome = await db.$transaction(async (tx) => {
      const before = await tx.user.findUnique({ where: { id: userId } });
      if (!before) return refused("not_found", `User ${userId} was not found.`);
      const now = new Date();
      const disabledAt =
        input.disabled === undefined
          ? before.disabledAt
          : input.disabled
            ? (before.disabledAt ?? now)
            : null;
      const role = input.role ?? before.role;
      // Conditional on what the change was decided from: a concurrent change wins or loses whole.
      const changed = await tx.user.updateMany({
        where: {
          id: userId,
          role: before.role,
          disabledAt: before.disabledAt,
          passwordHash: before.passwordHash,
        },
        data: {
          role,
          disabledAt,
          ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
        },
      });
      if (changed.count === 0) {
        return refused("conflict", `${before.name} was changed meanwhile; reload and try again.`);
      }
      const wasAdmin = before.role === "admin" && !before.disabledAt;
      if (wasAdmin && (role !== "admin" || disabledAt)) await keepAnAdmin(tx);
      const ended =
        disabledAt || passwordHash
          ? await tx.session.updateMany({
              where: { userId, revokedAt: null },
              data: { revokedAt: now },
            })
          : { count: 0 };
      const audit = (action: string, from: unknown, to: unknown) =>
        recordAudit(tx, actor, {
          action,
          entityType: ENTITY,
          entityId: userId,
          before: from,
          after: to,
        });
      if (role !== before.role) await audit("user.role_change", { role: before.role }, { role });
      if (Boolean(disabledAt) !== Boolean(before.disabledAt)) {
        await audit(
          disabledAt ? "user.disable" : "user.enable",
          { disabledAt: before.disabledAt },
          { disabledAt, sessionsEnded: ended.count },
        );
      }
      if (passwordHash) {
        await audit("user.password_set", null, { sessionsEnded: ended.count });
      }
      return { ok: true as const };
    });
    if (!outcome.ok) return outcome;
    return { ok: true, user: (await getUser(userId))! };
  } catch (error) {
    if (error instanceof LastAdminError) return refused("last_admin", LAST_ADMIN);
    throw error;
  }
}

export type InviteCheck =
  | { ok: true; inviteId: string; userId: string; name: string; email: string }
  | { ok: false; reason: "invalid" | "used" | "expired" | "disabled"; message: string };

const INVITE_REFUSALS = {
  invalid: "This invite link is not valid. Ask your Pitstop admin for a new one.",
  used: "This invite link has already been used. Sign in, or ask your Pitstop admin for a new link.",
  expired: "This invite link has expired. Ask your Pitstop admin for a new one.",
  disabled: "This account is disabled. Ask your Pitstop admin.",
} as const;

/** Whether an invite link still works, and whose it is. */
export async function checkInvite(token: string): Promise<InviteCheck> {
  const invite = await db.userInvite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    include: { user: true },
  });
  const refusal = (reason: keyof typeof INVITE_REFUSALS) =>
    ({ ok: false, reason, message: INVITE_REFUSALS[reason] }) as const;
  if (!invite) return refusal("invalid");
  if (invite.usedAt) return refusal("used");
  if (invite.expiresAt <= new Date()) return refusal("expired");
  if (invite.user.disabledAt) return refusal("disabled");
  return {
    ok: true,
    inviteId: invite.id,
    userId: invite.userId,
    name: invite.user.name,
    email: invite.user.email,
  };
}

/** The invitee sets their password through the link; the link then no longer works. */
export async function acceptInvite({
  token,
  input,
}: {
  token: string;
  input: AcceptInvite;
}): Promise<
  | { ok: true; userId: string }
  | Extract<InviteCheck, { ok: false }>
  | { ok: false; reason: "busy"; message: string; retryAfterSeconds: number }
> {
  const check = await checkInvite(token);
  if (!check.ok) return check;
  const hashed = await withHashAdmission(() => hashPassword(input.password));
  if (!hashed.admitted) {
    const { message, retryAfterSeconds } = busy(hashed.retryAfterSeconds);
    return { ok: false, reason: "busy", message, retryAfterSeconds: retryAfterSeconds! };
  }
  const outcome = await db.$transaction(async (tx) => {
    const now = new Date();
    // The claim is the single use: of two submits of one link, only one finds it unused.
    const claimed = await tx.userInvite.updateMany({
      where: {
        id: check.inviteId,
        usedAt: null,
        expiresAt: { gt: now },
        user: { disabledAt: null },
      },
      data: { usedAt: now },
    });
    if (claimed.count === 0) return false;
    await tx.user.update({
      where: { id: check.userId },
      data: { passwordHash: hashed.value, passwordChangedAt: now },
    });
    await tx.session.updateMany({
      where: { userId: check.userId, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAudit(
      tx,
      { kind: "user", id: check.userId, label: check.name },
      { action: "user.invite_accepted", entityType: ENTITY, entityId: check.userId },
    );
    return true;
  });
  if (outcome) return { ok: true, userId: check.userId };
  const now = await checkInvite(token);
  return now.ok ? { ok: false, reason: "used", message: INVITE_REFUSALS.used } : now;
}

/** What admins (and the user, through an invite) did to this user, newest first. */
export function userHistory(id: string) {
  return db.auditEvent.findMany({
    where: { entityType: ENTITY, entityId: id },
    orderBy: { at: "desc" },
    take: 50,
  });
}
