// Users as the admin manages them: invite links used once and only in time, disabling and a new
// password end sessions at once, and the last active admin cannot be lost, even to a race.
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { currentUser } from "@/lib/auth/session";
import { sessionSecret } from "@/lib/auth/secret";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import {
  acceptInvite,
  checkInvite,
  createUser,
  issueInvite,
  listUsers,
  updateUser,
} from "@/lib/users/store";
import { userActor } from "@/tests/support/db-factories";
import { unique } from "@/tests/support/factories";
import { SignJWT } from "jose";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { value: jar.get(name) } : undefined),
  }),
  headers: async () => new Headers(),
}));

const PASSWORD = "invitee-password-1234";
const email = () => `${unique("user")}@pitstop.test`;

/** A live session for the user and the cookie that carries it, as startSession makes them. */
async function signedIn(userId: string): Promise<string> {
  const expiresAt = new Date(Date.now() + 3_600_000);
  const session = await db.session.create({
    data: { id: randomBytes(18).toString("base64url"), userId, expiresAt },
  });
  return new SignJWT({ sid: session.id })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuer("pitstop")
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(sessionSecret());
}

async function asCookie(userId: string) {
  jar.set("pitstop_session", await signedIn(userId));
}

describe("invite links", () => {
  it("create a user who cannot sign in until the link sets a password, once", async () => {
    const admin = await userActor("admin");
    const created = await createUser({
      actor: admin,
      input: { name: "New Lead", email: email(), role: "support_lead" },
    });
    if (!created.ok) throw new Error(created.message);
    expect(created.user.status).toBe("invited");
    expect(created.invite?.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = created.invite!.token;
    const stored = await db.userInvite.findFirstOrThrow({ where: { userId: created.user.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * 3_600_000);
    expect(await checkInvite(token)).toMatchObject({ ok: true, email: created.user.email });

    const accepted = await acceptInvite({
      token,
      input: { password: PASSWORD, confirmPassword: PASSWORD },
    });
    expect(accepted).toEqual({ ok: true, userId: created.user.id });
    const user = await db.user.findUniqueOrThrow({ where: { id: created.user.id } });
    expect(await verifyPassword(PASSWORD, user.passwordHash)).toBe(true);
    expect((await listUsers()).find((row) => row.id === user.id)?.status).toBe("active");

    expect(await checkInvite(token)).toMatchObject({ ok: false, reason: "used" });
    expect(
      await acceptInvite({
        token,
        input: { password: "another-password-99", confirmPassword: "another-password-99" },
      }),
    ).toMatchObject({ ok: false, reason: "used" });
    const audit = await db.auditEvent.findMany({ where: { entityId: user.id } });
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining(["user.create", "user.invite_accepted"]),
    );
  });

  it("refuses an expired link and one replaced by a newer invite", async () => {
    const admin = await userActor("admin");
    const created = await createUser({
      actor: admin,
      input: { name: "Late", email: email(), role: "sre" },
    });
    if (!created.ok) throw new Error(created.message);
    const first = created.invite!.token;
    const again = await issueInvite({ actor: admin, userId: created.user.id });
    if (!again.ok) throw new Error(again.message);
    expect(await checkInvite(first)).toMatchObject({ ok: false, reason: "expired" });
    await db.userInvite.updateMany({
      where: { userId: created.user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      await acceptInvite({
        token: again.invite.token,
        input: { password: PASSWORD, confirmPassword: PASSWORD },
      }),
    ).toMatchObject({ ok: false, reason: "expired" });
    expect(await checkInvite("x".repeat(43))).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("lets only one of two simultaneous submits of a link set the password", async () => {
    const admin = await userActor("admin");
    const created = await createUser({
      actor: admin,
      input: { name: "Twice", email: email(), role: "manager" },
    });
    if (!created.ok) throw new Error(created.message);
    const results = await Promise.all(
      ["first-password-123", "second-password-456"].map((password) =>
        acceptInvite({
          token: created.invite!.token,
          input: { password, confirmPassword: password },
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toMatchObject([{ reason: "used" }]);
  });
});

describe("sessions of a changed user", () => {
  beforeEach(() => jar.clear());

  it("stop working the moment the user is disabled, and again once enabled only after a new sign-in", async () => {
    const admin = await userActor("admin");
    const sre = await userActor("sre");
    await asCookie(sre.id);
    expect(await currentUser()).toMatchObject({ id: sre.id });
    const disabled = await updateUser({ actor: admin, userId: sre.id, input: { disabled: true } });
    expect(disabled).toMatchObject({ ok: true, user: { status: "disabled" } });
    expect(await currentUser()).toBeNull();
    expect(await db.session.count({ where: { userId: sre.id, revokedAt: null } })).toBe(0);

    await updateUser({ actor: admin, userId: sre.id, input: { disabled: false } });
    expect(await currentUser()).toBeNull();
    await asCookie(sre.id);
    expect(await currentUser()).toMatchObject({ id: sre.id });
    const actions = (await db.auditEvent.findMany({ where: { entityId: sre.id } })).map(
      (event) => event.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["user.disable", "user.enable"]));
  });

  it("a session begun before the disable stays refused even if its row were not revoked", async () => {
    const admin = await userActor("admin");
    const sre = await userActor("sre");
    await asCookie(sre.id);
    await updateUser({ actor: admin, userId: sre.id, input: { disabled: true } });
    await db.session.updateMany({ where: { userId: sre.id }, data: { revokedAt: null } });
    expect(await currentUser()).toBeNull();
  });

  it("end when an admin sets the user's password", { timeout: 120_000 }, async () => {
    const admin = await userActor("admin");
    const lead = await userActor("support_lead");
    await asCookie(lead.id);
    expect(await currentUser()).toMatchObject({ id: lead.id });
    const set = await updateUser({
      actor: admin,
      userId: lead.id,
      input: { password: "brand-new-password-1" },
    });
    expect(set.ok).toBe(true);
    expect(await currentUser()).toBeNull();
    const user = await db.user.findUniqueOrThrow({ where: { id: lead.id } });
    expect(await verifyPassword("brand-new-password-1", user.passwordHash)).toBe(true);
  });
});

describe("the last active admin", () => {
  beforeEach(async () => {
    // Other files' fixtures are admins too; this file needs to know exactly who is one.
    await db.user.updateMany({ where: { role: "admin" }, data: { disabledAt: new Date() } });
  });

  it("cannot demote or disable themselves", async () => {
    const only = await userActor("admin");
    expect(
      await updateUser({ actor: only, userId: only.id, input: { role: "sre" } }),
    ).toMatchObject({ ok: false, reason: "last_admin" });
    expect(
      await updateUser({ actor: only, userId: only.id, input: { disabled: true } }),
    ).toMatchObject({ ok: false, reason: "last_admin" });
    expect(await db.user.findUniqueOrThrow({ where: { id: only.id } })).toMatchObject({
      role: "admin",
      disabledAt: null,
    });
  });

  it("survives two admins demoting each other at once: one wins, one is refused", async () => {
    const [a, b] = [await userActor("admin"), await userActor("admin")];
    const results = await Promise.all([
      updateUser({ actor: a, userId: b.id, input: { role: "sre" } }),
      updateUser({ actor: b, userId: a.id, input: { disabled: true } }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toMatchObject([{ reason: "last_admin" }]);
    expect(await db.user.count({ where: { role: "admin", disabledAt: null } })).toBe(1);
  });
});

describe("creating users", () => {
  it("refuses an email already taken, naming it", async () => {
    const admin = await userActor("admin");
    const address = email();
    await createUser({ actor: admin, input: { name: "One", email: address, role: "sre" } });
    expect(
      await createUser({ actor: admin, input: { name: "Two", email: address, role: "sre" } }),
    ).toMatchObject({ ok: false, reason: "email_taken" });
  });
});
