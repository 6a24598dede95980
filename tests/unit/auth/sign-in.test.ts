import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import {
  ACCOUNT_FAILURE_CEILING,
  BACKOFF_BASE_SECONDS,
  checkCredentials,
  FREE_FAILURES,
  type SignInOutcome,
} from "@/lib/auth/sign-in";
import { accountKey, clientAccountKey } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db/client";
import { unique } from "@/tests/support/factories";

async function userWithPassword(password: string) {
  const email = `${unique("signin")}@pitstop.test`;
  await db.user.create({
    data: { email, name: "Sign-in test", role: "sre", passwordHash: await hashPassword(password) },
  });
  return email;
}

// Each scrypt takes seconds on a loaded CI machine; these tests hash a dozen times.
const SLOW = { timeout: 180_000 };

const retryAfter = (outcome: SignInOutcome) =>
  !outcome.ok && outcome.reason !== "invalid" ? outcome.retryAfterSeconds : undefined;

describe("checkCredentials", () => {
  it(
    "accepts the right password, refuses a wrong one and an unknown email alike",
    SLOW,
    async () => {
      const email = await userWithPassword("right-password");
      expect(
        await checkCredentials({ email, password: "right-password" }, "10.0.0.1"),
      ).toMatchObject({ ok: true });
      expect(await checkCredentials({ email, password: "wrong" }, "10.0.0.1")).toEqual({
        ok: false,
        reason: "invalid",
      });
      expect(
        await checkCredentials({ email: "nobody@pitstop.test", password: "x" }, "10.0.0.1"),
      ).toEqual({ ok: false, reason: "invalid" });
    },
  );

  it(
    "refuses a disabled user's right password like a wrong one, and audits why",
    SLOW,
    async () => {
      const email = await userWithPassword("right-password");
      const user = await db.user.update({ where: { email }, data: { disabledAt: new Date() } });
      expect(await checkCredentials({ email, password: "right-password" }, "10.0.0.9")).toEqual({
        ok: false,
        reason: "invalid",
      });
      const audit = await db.auditEvent.findMany({ where: { entityId: user.id } });
      expect(audit.map((event) => event.action)).toContain("session.sign_in_refused_disabled");
    },
  );

  it(
    `evaluates at most ${FREE_FAILURES} of 20 parallel wrong passwords from one client for one account`,
    SLOW,
    async () => {
      const email = await userWithPassword("right-password");
      const client = unique("ip");
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          checkCredentials({ email, password: `w-${n}` }, client),
        ),
      );
      const evaluated = (outcome: SignInOutcome) => !outcome.ok && outcome.reason === "invalid";
      expect(outcomes.filter(evaluated).length).toBeGreaterThan(0);
      expect(outcomes.filter(evaluated).length).toBeLessThanOrEqual(FREE_FAILURES);
      for (const outcome of outcomes.filter((outcome) => !evaluated(outcome))) {
        expect(outcome).toMatchObject({ ok: false });
        expect(retryAfter(outcome)).toBeGreaterThan(0);
      }
    },
  );

  it(
    "backs off one client from one account, doubling the wait, even for the right password",
    SLOW,
    async () => {
      const email = await userWithPassword("right-password");
      const client = unique("ip");
      for (let attempt = 0; attempt < FREE_FAILURES; attempt++) {
        expect(await checkCredentials({ email, password: "wrong" }, client)).toEqual({
          ok: false,
          reason: "invalid",
        });
      }
      const first = await checkCredentials({ email, password: "right-password" }, client);
      expect(first).toMatchObject({ ok: false, reason: "throttled" });
      expect(retryAfter(first)).toBeGreaterThan(BACKOFF_BASE_SECONDS - 5);
      expect(retryAfter(first)).toBeLessThanOrEqual(BACKOFF_BASE_SECONDS);

      // Let the first wait pass, then fail once more: the next wait doubles.
      await db.signInThrottle.update({
        where: { key: clientAccountKey(client, email) },
        data: { blockedUntil: new Date(Date.now() - 1000) },
      });
      expect(await checkCredentials({ email, password: "wrong" }, client)).toEqual({
        ok: false,
        reason: "invalid",
      });
      const second = await checkCredentials({ email, password: "right-password" }, client);
      expect(retryAfter(second)).toBeGreaterThan(2 * BACKOFF_BASE_SECONDS - 5);
      expect(retryAfter(second)).toBeLessThanOrEqual(2 * BACKOFF_BASE_SECONDS);
    },
  );

  it("lets the owner in from their address while a stranger fails from others", SLOW, async () => {
    const email = await userWithPassword("right-password");
    const stranger = unique("ip");
    const outcomes = [];
    for (let attempt = 0; attempt < FREE_FAILURES + 3; attempt++) {
      outcomes.push(await checkCredentials({ email, password: `guess-${attempt}` }, stranger));
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      outcomes.push(await checkCredentials({ email, password: "guess" }, unique("ip")));
    }
    expect(outcomes.at(FREE_FAILURES)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await checkCredentials({ email, password: "right-password" }, "10.9.9.9")).toMatchObject(
      { ok: true },
    );
  });

  it("refuses every address once an account's failures reach the flood ceiling", async () => {
    const email = await userWithPassword("right-password");
    await db.signInThrottle.create({
      data: {
        key: accountKey(email),
        failures: ACCOUNT_FAILURE_CEILING,
        windowStartedAt: new Date(),
        blockedUntil: new Date(Date.now() + 60_000),
      },
    });
    const outcome = await checkCredentials({ email, password: "right-password" }, unique("ip"));
    expect(outcome).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("forgets a client's failures once it signs in", SLOW, async () => {
    const email = await userWithPassword("right-password");
    const client = unique("ip");
    for (let attempt = 0; attempt < FREE_FAILURES - 1; attempt++) {
      await checkCredentials({ email, password: "wrong" }, client);
    }
    expect(await checkCredentials({ email, password: "right-password" }, client)).toMatchObject({
      ok: true,
    });
    for (let attempt = 0; attempt < FREE_FAILURES - 1; attempt++) {
      expect(await checkCredentials({ email, password: "wrong" }, client)).toMatchObject({
        reason: "invalid",
      });
    }
  });

  it("audits successes and failures", SLOW, async () => {
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
