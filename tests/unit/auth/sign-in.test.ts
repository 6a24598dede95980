import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { checkCredentials, MAX_FAILURES_PER_EMAIL } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { unique } from "@/tests/support/factories";

async function userWithPassword(password: string) {
  const email = `${unique("signin")}@pitstop.test`;
  await db.user.create({
    data: { email, name: "Sign-in test", role: "sre", passwordHash: await hashPassword(password) },
  });
  return email;
}

describe("checkCredentials", () => {
  it("accepts the right password, refuses a wrong one and an unknown email alike", async () => {
    const email = await userWithPassword("right-password");
    expect(await checkCredentials({ email, password: "right-password" }, "10.0.0.1")).toMatchObject(
      { ok: true },
    );
    expect(await checkCredentials({ email, password: "wrong" }, "10.0.0.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await checkCredentials({ email: "nobody@pitstop.test", password: "x" }, "10.0.0.1"),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it(`throttles an email after ${MAX_FAILURES_PER_EMAIL} failures, even with the right password`, async () => {
    const email = await userWithPassword("right-password");
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt++) {
      await checkCredentials({ email, password: "wrong" }, unique("ip"));
    }
    const outcome = await checkCredentials({ email, password: "right-password" }, unique("ip"));
    expect(outcome).toMatchObject({ ok: false, reason: "throttled" });
    expect(
      outcome.ok === false && outcome.reason === "throttled" && outcome.retryAfterSeconds,
    ).toBeGreaterThan(0);
  });

  it("audits successes and failures", async () => {
    const email = await userWithPassword("pw");
    await checkCredentials({ email, password: "pw" }, "10.0.0.2");
    await checkCredentials({ email, password: "nope" }, "10.0.0.2");
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const actions = await db.auditEvent.findMany({
      where: { entityId: user.id },
      orderBy: { id: "asc" },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "session.sign_in",
      "session.sign_in_failed",
    ]);
  });
});
