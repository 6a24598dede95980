import { describe, expect, it } from "vitest";
import { FREE_FAILURES, reserveAttempt, settleAttempt } from "@/lib/auth/sign-in-throttle";
import { unique } from "@/tests/support/factories";

// The hashing queue admits fewer requests than the throttle's limit, so the throttle's own
// atomicity is tested here, without hashing in the way.
describe("reserveAttempt", () => {
  it(`reserves at most ${FREE_FAILURES} of 20 parallel attempts for one client and account`, async () => {
    const email = `${unique("throttle")}@pitstop.test`;
    const client = unique("ip");
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () => reserveAttempt(email, client)),
    );
    const reserved = attempts.filter((attempt) => attempt.reserved);
    expect(reserved).toHaveLength(FREE_FAILURES);
    for (const attempt of attempts.filter((attempt) => !attempt.reserved)) {
      expect(attempt).toMatchObject({ reserved: false });
      expect(!attempt.reserved && attempt.retryAfterSeconds).toBeGreaterThan(0);
    }
    await Promise.all(
      reserved.map((attempt) => attempt.reserved && settleAttempt(attempt.keys, false)),
    );
    expect(await reserveAttempt(email, client)).toMatchObject({ reserved: false });
    expect(await reserveAttempt(email, unique("ip"))).toMatchObject({ reserved: true });
  });

  it("counts nothing for a refused attempt on the keys that had room", async () => {
    const email = `${unique("throttle")}@pitstop.test`;
    const client = unique("ip");
    for (let n = 0; n < FREE_FAILURES; n++) {
      const attempt = await reserveAttempt(email, client);
      if (attempt.reserved) await settleAttempt(attempt.keys, false);
    }
    for (let n = 0; n < 10; n++) {
      expect(await reserveAttempt(email, client)).toMatchObject({ reserved: false });
    }
    // Ten refusals took nothing from the other address's room for this account.
    const other = unique("ip");
    for (let n = 0; n < FREE_FAILURES; n++) {
      expect(await reserveAttempt(email, other)).toMatchObject({ reserved: true });
    }
  });
});
