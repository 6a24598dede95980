import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { ProbeSampleInput } from "@/lib/probes/probe";
import { aggregate, aggregateMinutes, ALL_ENDPOINTS, percentile } from "@/lib/probes/rollup";
import {
  probeMinutes,
  probeSeries,
  pruneProbeData,
  recordProbeSamples,
  rollUpProbeMinutes,
} from "@/lib/probes/store";

const T0 = Date.parse("2026-03-01T10:00:00.000Z");
const at = (minute: number, second = 0) => new Date(T0 + minute * 60_000 + second * 1000);

let counter = 0;
function sample(overrides: Partial<ProbeSampleInput> = {}): ProbeSampleInput {
  counter++;
  return {
    environment: "sandbox",
    endpoint: "status",
    sentAt: at(0),
    status: 200,
    latencyMs: 10,
    correlationId: `probe-${counter}`,
    rateLimitLimit: null,
    rateLimitRemaining: null,
    rateLimitReset: null,
    retryAfterS: null,
    errorKind: null,
    ...overrides,
  };
}

describe("roll-up math", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([
      percentile(values, 0.5),
      percentile(values, 0.95),
      percentile(values, 0.99),
      percentile(values, 1),
    ]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it("counts errors, 429s and 5xx, and keeps the lowest remaining quota", () => {
    const samples = [
      sample({ latencyMs: 12, rateLimitRemaining: 40 }),
      sample({ status: 429, latencyMs: 3, rateLimitRemaining: 0, retryAfterS: 1 }),
      sample({ status: 503, latencyMs: 8 }),
      sample({ status: 200, latencyMs: 20, errorKind: "garbage" }),
    ];
    expect(aggregate("sandbox", "status", at(0), samples)).toMatchObject({
      count: 4,
      errors: 1,
      status429: 1,
      status5xx: 1,
      minRemaining: 0,
      p50Ms: 8,
      maxMs: 20,
    });
  });

  it("keeps timeouts in the latency but not instant connection failures or uncalled endpoints", () => {
    const samples = [
      sample({ latencyMs: 100 }),
      sample({ status: 0, latencyMs: 1_500, errorKind: "timeout" }),
      sample({ status: 0, latencyMs: 1, errorKind: "connection_refused" }),
      sample({ status: 0, latencyMs: 0, errorKind: "credentials" }),
    ];
    const row = aggregate("sandbox", "status", at(0), samples);
    expect(row).toMatchObject({ count: 4, errors: 3, p50Ms: 100, p99Ms: 1_500, maxMs: 1_500 });
  });

  it("has no latency for a minute of failures only", () => {
    expect(
      aggregate("sandbox", "status", at(0), [
        sample({ status: 0, latencyMs: 2, errorKind: "connection_reset" }),
      ]),
    ).toMatchObject({ p50Ms: null, p99Ms: null, maxMs: null });
  });

  it("groups by environment, endpoint and minute, with an all-endpoints row per environment minute", () => {
    const rows = aggregateMinutes([
      sample({ endpoint: "status", sentAt: at(0, 5), latencyMs: 10 }),
      sample({ endpoint: "jwks", sentAt: at(0, 35), latencyMs: 30 }),
      sample({ endpoint: "status", sentAt: at(1, 5), latencyMs: 50 }),
      sample({ environment: "prod", endpoint: "status", sentAt: at(0, 5), latencyMs: 70 }),
    ]);
    const key = (row: (typeof rows)[number]) =>
      `${row.environment}/${row.endpoint}/${row.minute.toISOString().slice(11, 16)}:${row.count}`;
    expect(rows.map(key).sort()).toEqual(
      [
        "prod/*/10:00:1",
        "prod/status/10:00:1",
        "sandbox/*/10:00:2",
        "sandbox/*/10:01:1",
        "sandbox/jwks/10:00:1",
        "sandbox/status/10:00:1",
        "sandbox/status/10:01:1",
      ].sort(),
    );
    expect(
      rows.find(
        (row) => row.environment === "sandbox" && row.endpoint === ALL_ENDPOINTS && row.count === 2,
      )?.p99Ms,
    ).toBe(30);
  });
});

describe("stored roll-up and retention", () => {
  beforeEach(async () => {
    await db.probeSample.deleteMany();
    await db.probeMinute.deleteMany();
  });

  const storedMinutes = () =>
    db.probeMinute.findMany({ orderBy: [{ minute: "asc" }, { endpoint: "asc" }] });

  it("rolls up only minutes that have ended, and a second run changes nothing", async () => {
    await recordProbeSamples([
      sample({ sentAt: at(0, 10), latencyMs: 10 }),
      sample({ sentAt: at(0, 40), latencyMs: 30 }),
      sample({ sentAt: at(1, 5), latencyMs: 99 }),
    ]);
    const first = await rollUpProbeMinutes(at(1, 30));
    expect(first.rolledThrough).toEqual(at(1));
    const afterFirst = await storedMinutes();
    expect(
      afterFirst.map((row) => [
        row.endpoint,
        row.minute.toISOString(),
        row.count,
        row.p50Ms,
        row.p99Ms,
      ]),
    ).toEqual([
      [ALL_ENDPOINTS, at(0).toISOString(), 2, 10, 30],
      ["status", at(0).toISOString(), 2, 10, 30],
    ]);
    await rollUpProbeMinutes(at(1, 30));
    expect(await storedMinutes()).toEqual(afterFirst);
  });

  it("folds a sample that arrives after its minute was rolled up into that minute", async () => {
    await recordProbeSamples([sample({ sentAt: at(0, 10), latencyMs: 10 })]);
    await rollUpProbeMinutes(at(1, 1));
    await recordProbeSamples([sample({ sentAt: at(0, 59), status: 429, latencyMs: 900 })]);
    await rollUpProbeMinutes(at(1, 3));
    const row = await db.probeMinute.findFirstOrThrow({
      where: { endpoint: "status", minute: at(0) },
    });
    expect(row).toMatchObject({ count: 2, status429: 1, maxMs: 900 });
  });

  it("charts rolled-up minutes followed by the live minute from raw samples", async () => {
    await recordProbeSamples([
      sample({ sentAt: at(0, 10), latencyMs: 10 }),
      sample({ sentAt: at(1, 10), status: 429, latencyMs: 40 }),
    ]);
    await rollUpProbeMinutes(at(1, 20));
    const minutes = await probeMinutes({ environment: "sandbox", from: at(-30), to: at(1, 20) });
    expect(minutes.map((row) => [row.minute.toISOString(), row.count, row.status429])).toEqual([
      [at(0).toISOString(), 1, 0],
      [at(1).toISOString(), 1, 1],
    ]);
    const series = await probeSeries({
      environment: "sandbox",
      from: at(-30),
      to: at(1, 20),
      markers: [{ t: at(1).getTime(), label: "incident", kind: "incident" }],
    });
    expect(series).toMatchObject({
      xAxis: "clock",
      sourcePoints: 2,
      p50: [
        { t: at(0).getTime(), v: 10 },
        { t: at(1).getTime(), v: 40 },
      ],
      count429: [
        { t: at(0).getTime(), v: 0 },
        { t: at(1).getTime(), v: 1 },
      ],
    });
    expect(await probeSeries({ environment: "prod", from: at(-30), to: at(2) })).toMatchObject({
      sourcePoints: 0,
      p50: [],
    });
  });

  it("deletes raw samples past retention once rolled up, and minutes past theirs", async () => {
    const now = at(48 * 60);
    await recordProbeSamples([sample({ sentAt: at(0, 5) }), sample({ sentAt: at(47 * 60, 5) })]);
    const { rolledThrough } = await rollUpProbeMinutes(now);
    await db.probeMinute.create({
      data: {
        environment: "sandbox",
        endpoint: "status",
        minute: at(-31 * 24 * 60),
        count: 1,
        errors: 0,
        status429: 0,
        status5xx: 0,
      },
    });

    expect(await pruneProbeData(now, { rawHours: 24, minuteDays: 30 }, rolledThrough)).toEqual({
      samples: 1,
      minutes: 1,
    });
    expect((await db.probeSample.findMany()).map((row) => row.sentAt)).toEqual([at(47 * 60, 5)]);
    expect(await db.probeMinute.count({ where: { minute: at(0) } })).toBe(2);
  });

  it("keeps raw samples that are not rolled up yet, however old", async () => {
    await recordProbeSamples([sample({ sentAt: at(0, 5) })]);
    expect(await pruneProbeData(at(48 * 60), { rawHours: 24, minuteDays: 30 }, at(0))).toEqual({
      samples: 0,
      minutes: 0,
    });
  });
});
