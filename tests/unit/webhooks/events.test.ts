// The events this part emits, queued in the transaction of the change they report: a probe
// endpoint going down or recovering, and a runbook entry submitted for review.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DEFAULT_PROBE_THRESHOLDS, PROBE_CONFIG_KEY } from "@/lib/probes/config";
import type { ProbeSampleInput } from "@/lib/probes/probe";
import { recordProbeSamples, recordProbeStateChanges } from "@/lib/probes/store";
import { newRunbookEntrySchema } from "@/lib/runbooks/schema";
import { createRunbookEntry, submitRunbookEntry } from "@/lib/runbooks/store";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { createWebhook } from "@/lib/webhooks/store";
import { userActor } from "../../support/db-factories";

let sentAt = Date.now() - 3_600_000;
const sample = (status: number): ProbeSampleInput => ({
  environment: "sandbox",
  endpoint: "v1.account",
  sentAt: new Date((sentAt += 1_000)),
  status,
  latencyMs: 30,
  correlationId: `c-${sentAt}`,
  rateLimitLimit: null,
  rateLimitRemaining: null,
  rateLimitReset: null,
  retryAfterS: null,
  errorKind: null,
});

const probed = [{ environment: "sandbox" as const, endpoint: "v1.account" }];

async function probeCycle(...statuses: number[]) {
  await recordProbeSamples(statuses.map(sample));
  return recordProbeStateChanges(probed, DEFAULT_PROBE_THRESHOLDS, new Date(sentAt));
}

const queued = async () =>
  (await db.webhookDelivery.findMany({ orderBy: { createdAt: "asc" } })).map(
    (delivery) =>
      JSON.parse(delivery.payload) as {
        event: string;
        data: Record<string, unknown>;
        text: string;
      },
  );

beforeEach(async () => {
  process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE = "1";
  await db.webhook.deleteMany();
  await db.probeSample.deleteMany();
  await db.probeStateChange.deleteMany();
  await db.appSetting.deleteMany({ where: { key: PROBE_CONFIG_KEY } });
  const created = await createWebhook(
    { url: "http://127.0.0.1:9/hook", events: [...WEBHOOK_EVENTS], secret: null },
    await userActor("admin"),
  );
  if (!created.ok) throw new Error(created.fields.url);
  delete process.env.PITSTOP_WEBHOOK_ALLOW_PRIVATE;
});

afterAll(async () => {
  await db.webhook.deleteMany();
});

describe("probe state changes", () => {
  it("queue probe.down when an endpoint goes down and probe.recovered when it is up again", async () => {
    await probeCycle(200, 200);
    expect(await queued()).toEqual([]);

    await probeCycle(503, 503);
    await probeCycle(200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
    const events = await queued();
    expect(events.map((event) => event.event)).toEqual(["probe.down", "probe.recovered"]);
    expect(events[0]!.data).toMatchObject({
      environment: "sandbox",
      endpoint: "v1.account",
      state: "down",
      previous: "up",
      lastStatus: 503,
    });
    expect(events[0]!.text).toMatch(
      /Account \(v1\.account\) in sandbox is down: last answer HTTP 503/,
    );
    expect(events[1]!.data).toMatchObject({ state: "up", previous: "down" });
    expect(events[1]!.text).toMatch(/recovered \(was down\)/);
  });

  it("stay quiet for an endpoint's first state and for degraded, and tell a recovery from degraded", async () => {
    await probeCycle(200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
    await probeCycle(503, 200, 503, 200);
    expect(
      (await db.probeStateChange.findMany({ orderBy: { id: "asc" } })).map((c) => c.state),
    ).toEqual(["up", "degraded"]);
    expect(await queued()).toEqual([]);

    await probeCycle(200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
    const events = await queued();
    expect(events.map((event) => [event.event, event.data.previous])).toEqual([
      ["probe.recovered", "degraded"],
    ]);
  });

  it("are not queued for a webhook that does not subscribe to them", async () => {
    await db.webhook.updateMany({ data: { events: JSON.stringify(["runbook.review_requested"]) } });
    await probeCycle(503, 503);
    expect(await queued()).toEqual([]);
  });
});

describe("runbook entries", () => {
  it("queue runbook.review_requested when one is submitted for review, and not when drafted", async () => {
    const sre = await userActor("sre");
    const created = await createRunbookEntry(
      newRunbookEntrySchema.parse({
        title: "Quota exhausted on account polling",
        causeId: "rate_limited",
        errorString: "HTTP 429 Too Many Requests",
        fixApplied: "Spread the polling over the minute.",
        scopes: [],
      }),
      sre,
    );
    if (!created.ok) throw new Error(created.message);
    expect(await queued()).toEqual([]);

    const submitted = await submitRunbookEntry(created.entry.id, sre);
    expect(submitted.ok).toBe(true);
    const [event, ...rest] = await queued();
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      event: "runbook.review_requested",
      data: {
        id: created.entry.id,
        title: "Quota exhausted on account polling",
        causeId: "rate_limited",
        version: 1,
        submittedBy: sre.label,
        path: `/runbooks/${created.entry.id}`,
      },
    });
    expect(event!.text).toContain(
      '"Quota exhausted on account polling" (version 1) is waiting for review',
    );
  });

  it("queue nothing when the submission is refused", async () => {
    const lead = await userActor("support_lead");
    const refused = await submitRunbookEntry("no-such-entry", lead);
    expect(refused.ok).toBe(false);
    expect(await queued()).toEqual([]);
  });
});
