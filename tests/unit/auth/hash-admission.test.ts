import { afterEach, describe, expect, it } from "vitest";
import { POST as signInRoute } from "@/app/sign-in/session/route";
import { admitHashing, HASH_QUEUE_CAPACITY, type HashTicket } from "@/lib/auth/hash-admission";
import { hashPassword } from "@/lib/auth/password";
import { checkCredentials } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { unique } from "@/tests/support/factories";

const held: HashTicket[] = [];

async function fillQueue() {
  for (let n = 0; n < HASH_QUEUE_CAPACITY; n++) {
    const ticket = await admitHashing();
    expect(ticket).not.toBeNull();
    held.push(ticket!);
  }
}

afterEach(async () => {
  await Promise.all(held.splice(0).map((ticket) => ticket.release()));
});

function signInRequest(body: unknown) {
  return new Request("http://127.0.0.1:3000/sign-in/session", {
    method: "POST",
    headers: {
      host: "127.0.0.1:3000",
      origin: "http://127.0.0.1:3000",
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
}

describe("password hashing admission", () => {
  it(`admits ${HASH_QUEUE_CAPACITY} at once, then refuses until one is released`, async () => {
    await fillQueue();
    expect(await admitHashing()).toBeNull();
    await held.pop()!.release();
    const again = await admitHashing();
    expect(again).not.toBeNull();
    held.push(again!);
  });

  it("takes back a ticket whose holder never released it once its lease ran out", async () => {
    await fillQueue();
    await db.hashAdmission.updateMany({
      where: { slot: 0 },
      data: { heldUntil: new Date(Date.now() - 1000) },
    });
    const reclaimed = await admitHashing();
    expect(reclaimed).not.toBeNull();
    held.push(reclaimed!);
  });

  it(
    "refuses a sign-in at once while the queue is full, known email or not",
    { timeout: 60_000 },
    async () => {
      const email = `${unique("admit")}@pitstop.test`;
      await db.user.create({
        data: { email, name: "Admit", role: "sre", passwordHash: await hashPassword("pw") },
      });
      await fillQueue();
      const startedAt = Date.now();
      for (const who of [email, "nobody-here@pitstop.test"]) {
        const outcome = await checkCredentials({ email: who, password: "pw" }, unique("ip"));
        expect(outcome).toMatchObject({ ok: false, reason: "busy" });
      }
      expect(Date.now() - startedAt).toBeLessThan(1000);
      await Promise.all(held.splice(0).map((ticket) => ticket.release()));
      expect(await checkCredentials({ email, password: "pw" }, unique("ip"))).toMatchObject({
        ok: true,
      });
    },
  );

  it("answers 429 with Retry-After on the sign-in endpoint while the queue is full", async () => {
    await fillQueue();
    const response = await signInRoute(
      signInRequest({ email: "someone@pitstop.test", password: "pw" }),
    );
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await response.json()).toMatchObject({ error: "busy" });
  });
});
