import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changePassword, changePasswordSchema } from "@/lib/auth/change-password";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { unique } from "@/tests/support/factories";

const OLD = "old-password-1234";
const NEW = "new-password-5678";

async function userWithSessions(count: number) {
  const user = await db.user.create({
    data: {
      email: `${unique("chpw")}@pitstop.test`,
      name: "Change password",
      role: "manager",
      passwordHash: await hashPassword(OLD),
    },
  });
  const sessions = [];
  for (let n = 0; n < count; n++) {
    sessions.push(
      await db.session.create({
        data: {
          id: randomBytes(18).toString("base64url"),
          userId: user.id,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      }),
    );
  }
  const actor: SessionUser = {
    kind: "user",
    id: user.id,
    label: user.name,
    email: user.email,
    role: "manager",
    sessionId: sessions[0]!.id,
  };
  return { user, sessions, actor };
}

const input = (overrides: Record<string, string> = {}) =>
  changePasswordSchema.parse({
    currentPassword: OLD,
    newPassword: NEW,
    confirmPassword: NEW,
    ...overrides,
  });

describe("changePassword", () => {
  it(
    "sets the new password, ends every other session and audits the change",
    { timeout: 180_000 },
    async () => {
      const { user, sessions, actor } = await userWithSessions(3);
      expect(await changePassword({ actor, input: input(), clientIp: "10.1.1.1" })).toEqual({
        ok: true,
      });
      const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(await verifyPassword(NEW, after.passwordHash)).toBe(true);
      expect(await verifyPassword(OLD, after.passwordHash)).toBe(false);
      expect(after.passwordChangedAt.getTime()).toBeGreaterThan(user.passwordChangedAt.getTime());

      const rows = await db.session.findMany({ where: { userId: user.id } });
      for (const other of sessions.slice(1)) {
        expect(rows.find((row) => row.id === other.id)?.revokedAt).not.toBeNull();
      }
      const audit = await db.auditEvent.findMany({ where: { entityId: user.id } });
      expect(audit.map((event) => event.action)).toContain("user.password_changed");
      expect(JSON.stringify(audit)).not.toContain(after.passwordHash);
    },
  );

  it("refuses a wrong current password and changes nothing", { timeout: 120_000 }, async () => {
    const { user, sessions, actor } = await userWithSessions(2);
    expect(
      await changePassword({
        actor,
        input: input({ currentPassword: "not-it" }),
        clientIp: "10.1.1.2",
      }),
    ).toMatchObject({ ok: false, reason: "invalid" });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(user.passwordHash);
    const other = await db.session.findUniqueOrThrow({ where: { id: sessions[1]!.id } });
    expect(other.revokedAt).toBeNull();
  });

  it.each([
    [{ newPassword: "short", confirmPassword: "short" }, "newPassword"],
    [{ confirmPassword: "something-else-1" }, "confirmPassword"],
    [{ newPassword: OLD, confirmPassword: OLD }, "newPassword"],
    [{ currentPassword: "" }, "currentPassword"],
  ])("the shared schema refuses %o naming %s", (overrides, field) => {
    const parsed = changePasswordSchema.safeParse({
      currentPassword: OLD,
      newPassword: NEW,
      confirmPassword: NEW,
      ...overrides,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
  });
});
