// The dispatcher against a real HTTP receiver on 127.0.0.1: what it sends and signs, how it
// retries and gives up, timeouts, two dispatchers racing, and the address check at send time.
import { createHmac } from "node:crypto";
import type { LookupAddress } from "node:dns";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Lookup } from "@/lib/webhooks/destination";
import { WebhookDispatcher } from "@/lib/webhooks/dispatcher";
import { enqueueWebhookEvent } from "@/lib/webhooks/outbox";
import { createWebhook } from "@/lib/webhooks/store";
import { userActor } from "../../support/db-factories";
import { startReceiver, type Receiver } from "./receiver";

const receivers: Receiver[] = [];
const dispatchers: WebhookDispatcher[] = [];

async function receiver(answer?: Parameters<typeof startReceiver>[0]) {
  const started = await startReceiver(answer);
  receivers.push(started);
  return started;
}

function dispatcher(options: Partial<ConstructorParameters<typeof WebhookDispatcher>[0]> = {}) {
  const made = new WebhookDispatcher({ retryScheduleS: [0.2, 0.2], timeoutMs: 2_000, ...options });
  dispatchers.push(made);
  return made;
}

async function hook(url: string, options: { lookup?: Lookup; secret?: string } = {}) {
  const result = await createWebhook(
    { url, events: ["probe.down", "runbook.review_requested"], secret: options.secret ?? null },
    await userActor("admin"),
    { lookup: options.lookup },
  );
  if (!result.ok) throw new Error(result.fields.url);
  return result;
}

const enqueue = (data: Record<string, unknown> = { endpoint: "v1.account" }) =>
  db.$transaction((tx) =>
    enqueueWebhookEvent(tx, { event: "probe.down", data, text: "v1.account is down" }),
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ticks until nothing is pending (or the time is up): retries become due on their own. */
async function runUntilSettled(run: WebhookDispatcher, withinMs = 8_000) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    await run.tick();
    if ((await db.webhookDelivery.count({ where: { status: "pending" } })) === 0) return;
    await sleep(50);
  }
  throw new Error("deliveries still pending");
}

const resolvingTo =
  (answers: () => string): Lookup =>
  (_hostname, _options, callback) =>
    callback(null, [{ address: answers(), family: 4 } satisfies LookupAddress]);

beforeEach(async () => {
  process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE = "1";
  await db.webhook.deleteMany();
});

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((run) => run.stop()));
  await Promise.all(receivers.splice(0).map((open) => open.close()));
  delete process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE;
});

afterAll(async () => {
  await db.webhook.deleteMany();
});

describe("a delivery", () => {
  it("POSTs {id, event, occurredAt, data, text} signed with HMAC-SHA256 of '<t>.<body>' under the webhook's secret", async () => {
    const target = await receiver();
    const { webhook, secret } = await hook(target.url);
    expect(secret).toMatch(/^whsec_[\w-]{32}$/);
    await enqueue({ endpoint: "v1.account", environment: "prod" });
    const before = Math.floor(Date.now() / 1000);
    await dispatcher().tick();

    expect(target.received).toHaveLength(1);
    const [request] = target.received;
    const payload = JSON.parse(request!.body) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(["data", "event", "id", "occurredAt", "text"]);
    expect(payload).toMatchObject({
      event: "probe.down",
      data: { endpoint: "v1.account", environment: "prod" },
      text: "v1.account is down",
    });
    expect(new Date(payload.occurredAt as string).getTime()).toBeGreaterThan(0);
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["x-pitstop-event"]).toBe("probe.down");

    const signature = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
      String(request!.headers["x-pitstop-signature"]),
    );
    expect(signature).not.toBeNull();
    const [, t, v1] = signature!;
    expect(Number(t)).toBeGreaterThanOrEqual(before);
    expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${request!.body}`).digest("hex"));
    expect(v1).not.toBe(
      createHmac("sha256", "another-secret").update(`${t}.${request!.body}`).digest("hex"),
    );

    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id },
      include: { attemptLog: true },
    });
    expect(delivery).toMatchObject({
      id: payload.id,
      status: "delivered",
      attempts: 1,
      lastStatus: 200,
    });
    expect(delivery.finishedAt).not.toBeNull();
    expect(delivery.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, error: null }),
    ]);
  });

  it("uses the secret the admin gave", async () => {
    const target = await receiver();
    const { secret } = await hook(target.url, { secret: "a-shared-secret-of-ours" });
    expect(secret).toBe("a-shared-secret-of-ours");
    await enqueue();
    await dispatcher().tick();
    const [, t, v1] = /^t=(\d+),v1=(\w+)$/.exec(
      String(target.received[0]!.headers["x-pitstop-signature"]),
    )!;
    expect(v1).toBe(
      createHmac("sha256", "a-shared-secret-of-ours")
        .update(`${t}.${target.received[0]!.body}`)
        .digest("hex"),
    );
  });

  it("to a failing receiver (500) is retried on the schedule, then logged failed with each attempt", async () => {
    const target = await receiver({ status: 500 });
    const { webhook } = await hook(target.url);
    await enqueue();
    await runUntilSettled(dispatcher({ retryScheduleS: [0.2, 0.4] }));

    expect(target.received).toHaveLength(3);
    const gaps = target.received
      .slice(1)
      .map((request, index) => request.at - target.received[index]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(200);
    expect(gaps[1]).toBeGreaterThanOrEqual(400);
    // Every try is the same delivery: one id, one body.
    expect(new Set(target.received.map((request) => request.body)).size).toBe(1);

    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id },
      include: { attemptLog: { orderBy: { attempt: "asc" } } },
    });
    expect(delivery).toMatchObject({
      status: "failed",
      attempts: 3,
      lastStatus: 500,
      lastError: "HTTP 500",
    });
    expect(
      delivery.attemptLog.map(({ attempt, statusCode, error }) => ({ attempt, statusCode, error })),
    ).toEqual([
      { attempt: 1, statusCode: 500, error: "HTTP 500" },
      { attempt: 2, statusCode: 500, error: "HTTP 500" },
      { attempt: 3, statusCode: 500, error: "HTTP 500" },
    ]);
  });

  it("to a slow receiver times out and is logged with the time it took", async () => {
    const target = await receiver({ delayMs: 3_000 });
    const { webhook } = await hook(target.url);
    await enqueue();
    await dispatcher({ retryScheduleS: [], timeoutMs: 300 }).tick();

    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id },
      include: { attemptLog: true },
    });
    expect(delivery).toMatchObject({
      status: "failed",
      lastStatus: null,
      lastError: "timed out after 0.3 s",
    });
    expect(delivery.attemptLog[0]!.durationMs).toBeGreaterThanOrEqual(290);
    expect(delivery.attemptLog[0]!.durationMs).toBeLessThan(2_000);
  });

  it("is sent once when two dispatchers race for the same outbox", async () => {
    const target = await receiver();
    await hook(target.url);
    for (let i = 0; i < 20; i += 1) await enqueue({ n: i });
    const [first, second] = [dispatcher(), dispatcher()];
    await Promise.all([first.tick(), second.tick(), first.tick(), second.tick()]);
    await runUntilSettled(first);

    const ids = target.received.map((request) => (JSON.parse(request.body) as { id: string }).id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(await db.webhookAttempt.count()).toBe(20);
    expect(await db.webhookDelivery.count({ where: { status: "delivered", attempts: 1 } })).toBe(
      20,
    );
  });
});

describe("an attempt whose instance stopped mid-send", () => {
  const crashMidSend = async (webhookId: string, attempts: number) => {
    await enqueue();
    await db.webhookDelivery.updateMany({
      where: { webhookId },
      data: { attempts, leaseUntil: new Date(Date.now() - 1_000) },
    });
  };

  it("is taken over once its lease has lapsed, as the next attempt", async () => {
    const target = await receiver();
    const { webhook } = await hook(target.url);
    await crashMidSend(webhook.id, 1);
    await dispatcher().tick();
    expect(target.received).toHaveLength(1);
    expect(
      await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id } }),
    ).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("is not sent again while its lease holds", async () => {
    const target = await receiver();
    const { webhook } = await hook(target.url);
    await enqueue();
    await db.webhookDelivery.updateMany({
      where: { webhookId: webhook.id },
      data: { attempts: 1, leaseUntil: new Date(Date.now() + 60_000) },
    });
    expect(await dispatcher().tick()).toBe(0);
    expect(target.received).toHaveLength(0);
  });

  it("fails the delivery without sending when that was its last attempt", async () => {
    const target = await receiver();
    const { webhook } = await hook(target.url);
    await crashMidSend(webhook.id, 3);
    await dispatcher({ retryScheduleS: [0.2, 0.2] }).tick();
    expect(target.received).toHaveLength(0);
    expect(
      await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id } }),
    ).toMatchObject({
      status: "failed",
      attempts: 4,
      lastError: "no attempts left: the last one was interrupted",
    });
  });
});

describe("the address check at send time", () => {
  it("connects to the address the check resolved, so a name only our resolver knows is reached", async () => {
    const target = await receiver();
    const lookup = resolvingTo(() => "127.0.0.1");
    await hook(`http://receiver.pitstop.test:${target.port}/hook`, { lookup });
    await enqueue();
    await dispatcher({ lookup }).tick();
    expect(target.received).toHaveLength(1);
    expect(target.received[0]!.headers.host).toBe(`receiver.pitstop.test:${target.port}`);
  });

  it("refuses a host that resolves to a link-local address by the time it is sent (DNS rebinding)", async () => {
    const target = await receiver();
    let answer = "127.0.0.1";
    const lookup = resolvingTo(() => answer);
    const { webhook } = await hook(`http://rebind.pitstop.test:${target.port}/hook`, { lookup });
    answer = "169.254.169.254";
    await enqueue();
    await dispatcher({ lookup, retryScheduleS: [] }).tick();

    expect(target.received).toHaveLength(0);
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id },
    });
    expect(delivery.status).toBe("failed");
    expect(delivery.lastError).toMatch(
      /rebind\.pitstop\.test resolves to 169\.254\.169\.254, a cloud metadata address/,
    );
  });

  it("refuses a private address once PITSTOP_WEBHOOK_ALLOW_PRIVATE is no longer set", async () => {
    const target = await receiver();
    const { webhook } = await hook(target.url);
    delete process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE;
    await enqueue();
    await dispatcher({ retryScheduleS: [] }).tick();
    expect(target.received).toHaveLength(0);
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id },
    });
    expect(delivery.lastError).toMatch(/points at 127\.0\.0\.1, a loopback address/);
  });

  it("does not follow a redirect", async () => {
    const target = await receiver({ status: 302 });
    const { webhook } = await hook(target.url);
    await enqueue();
    await dispatcher({ retryScheduleS: [] }).tick();
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id },
    });
    expect(delivery).toMatchObject({ status: "failed", lastStatus: 302, lastError: "HTTP 302" });
  });
});
