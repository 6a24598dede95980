// The soak run's accounting from sample records alone: percentiles against known inputs, counts,
// per-second and per-step figures, and a summary that does not depend on the order of samples
// (the store rebuilds interrupted runs from stored samples).
import { describe, expect, it } from "vitest";
import { SoakRecorder } from "@/lib/load/recorder";
import type { Schedule } from "@/lib/load/plan";
import type { SoakSampleRecord } from "@/lib/load/types";

const STARTED = new Date("2026-11-23T10:00:00.000Z");

let counter = 0;
function sample(overrides: Partial<SoakSampleRecord> = {}): SoakSampleRecord {
  const second = overrides.second ?? 0;
  return {
    sentAt: STARTED.getTime() + second * 1000,
    second,
    step: 0,
    attempt: 1,
    status: 200,
    latencyMs: 10,
    correlationId: `soak-test-${counter++}`,
    rateLimitRemaining: 100,
    retryAfterS: null,
    rateLimitReset: 1,
    errorKind: null,
    ...overrides,
  };
}

const constant: { schedule: Schedule; durationS: number } = {
  schedule: { kind: "constant", rate: 100 },
  durationS: 3,
};
const times = (elapsedMs: number) => ({
  startedAt: STARTED,
  finishedAt: new Date(STARTED.getTime() + elapsedMs),
  requestBudget: 1_000,
});

/** Within HDR's 3 significant digits. */
const near = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected) / expected).toBeLessThanOrEqual(0.001);
};

describe("SoakRecorder", () => {
  it("reports percentiles of known latencies to 3 significant digits and the exact maximum", () => {
    const recorder = new SoakRecorder(constant);
    for (let ms = 1; ms <= 1_000; ms++) recorder.record(sample({ latencyMs: ms }));
    const second = recorder.closeSecond(0)!;
    near(second.p50Ms, 500);
    near(second.p95Ms, 950);
    near(second.p99Ms, 990);
    expect(second.maxMs).toBe(1_000);
    const summary = recorder.summary("completed", times(3_000));
    near(summary.totals.p99Ms, 990);
    expect(summary.totals.maxMs).toBe(1_000);
  });

  it("keeps sub-millisecond latencies apart (microsecond resolution)", () => {
    const recorder = new SoakRecorder(constant);
    for (let index = 0; index < 99; index++) recorder.record(sample({ latencyMs: 0.25 }));
    recorder.record(sample({ latencyMs: 0.75 }));
    const second = recorder.closeSecond(0)!;
    near(second.p50Ms, 0.25);
    near(second.maxMs, 0.75);
  });

  it("counts sent (first attempts), completed, ok, 429, 5xx and errors, and tallies error kinds", () => {
    const recorder = new SoakRecorder(constant);
    recorder.record(sample());
    recorder.record(sample({ status: 429, retryAfterS: 1 }));
    recorder.record(sample({ status: 200, attempt: 2 }));
    recorder.record(sample({ status: 503 }));
    recorder.record(sample({ status: 200, errorKind: "garbage" }));
    recorder.record(sample({ status: 0, errorKind: "timeout", latencyMs: 5_000 }));
    recorder.record(sample({ status: 0, errorKind: "client_saturated", latencyMs: 0 }));
    const summary = recorder.summary("completed", times(3_000));
    expect(summary.totals).toMatchObject({
      sent: 6,
      completed: 7,
      ok: 2,
      status429: 1,
      status5xx: 1,
      errors: 3,
    });
    expect(summary.errorKinds).toEqual({ garbage: 1, timeout: 1, client_saturated: 1 });
    expect(summary.requestsSent).toBe(6);
    expect(summary.totals.maxMs).toBe(5_000);
    // Failures: the 503, the garbage answer and the timeout, over the six requests that went out.
    expect(summary.steps[0]).toMatchObject({
      share429: 1 / 7,
      errorShare: 3 / 7,
      failureShare: 3 / 6,
    });
  });

  it("leaves arrivals that were never sent out of the latency figures", () => {
    const recorder = new SoakRecorder(constant);
    for (let index = 0; index < 5; index++)
      recorder.record(sample({ status: 0, errorKind: "client_saturated", latencyMs: 0 }));
    expect(recorder.closeSecond(0)).toMatchObject({
      sent: 5,
      completed: 5,
      errors: 5,
      p50Ms: null,
      p99Ms: null,
      maxMs: null,
    });
  });

  it("closes each second once, with its step and target rate, and the rest oldest first", () => {
    const recorder = new SoakRecorder({
      schedule: { kind: "steps", startRate: 10, stepBy: 10, ceiling: 30, stepDurationS: 1 },
      durationS: 3,
    });
    for (const second of [2, 0, 1, 2]) recorder.record(sample({ second, step: second }));
    expect(recorder.closeSecond(1)).toMatchObject({ second: 1, step: 1, targetRate: 20, sent: 1 });
    expect(recorder.closeSecond(1)).toBeNull();
    expect(
      recorder.closeAllSeconds().map((second) => [second.second, second.targetRate, second.sent]),
    ).toEqual([
      [0, 10, 1],
      [2, 30, 2],
    ]);
  });

  it("summarises steps with their achieved rate and finds the breakpoint of a stepped run", () => {
    const plan = {
      schedule: {
        kind: "steps",
        startRate: 10,
        stepBy: 10,
        ceiling: 30,
        stepDurationS: 2,
      } as Schedule,
      durationS: 6,
    };
    const recorder = new SoakRecorder(plan);
    for (let step = 0; step < 3; step++) {
      const rate = (step + 1) * 10;
      for (let index = 0; index < rate * 2; index++) {
        const second = step * 2 + Math.floor(index / rate);
        const limited = step === 2 && index % 3 === 0;
        recorder.record(
          sample({ second, step, status: limited ? 429 : 200, latencyMs: 20 + step }),
        );
      }
    }
    const summary = recorder.summary("completed", times(6_050));
    expect(
      summary.steps.map((step) => [
        step.rate,
        step.sent,
        step.achievedRate,
        Number(step.share429.toFixed(3)),
      ]),
    ).toEqual([
      [10, 20, 10, 0],
      [20, 40, 20, 0],
      [30, 60, 30, 0.333],
    ]);
    expect(summary).toMatchObject({
      scheduledRate: 20,
      achievedRate: 20,
      elapsedMs: 6_050,
      requestBudget: 1_000,
    });
    expect(summary.breakpoint).toMatchObject({ step: 2, rate: 30, safeRate: 20 });
  });

  it("measures a cancelled run's rates over the time it actually ran, and only the steps it reached", () => {
    const recorder = new SoakRecorder({
      schedule: { kind: "steps", startRate: 10, stepBy: 10, ceiling: 30, stepDurationS: 2 },
      durationS: 6,
    });
    for (let index = 0; index < 15; index++)
      recorder.record(sample({ second: Math.floor(index / 10) }));
    const summary = recorder.summary("cancelled", times(1_500));
    expect(summary.steps).toHaveLength(1);
    expect(summary.steps[0]!.achievedRate).toBe(10);
    expect(summary.achievedRate).toBe(10);
    expect(summary.outcome).toBe("cancelled");
  });

  it("gives the same summary whatever order the samples come in", () => {
    const samples = Array.from({ length: 300 }, (_, index) =>
      sample({
        second: index % 3,
        latencyMs: ((index * 37) % 250) + 0.5,
        status: index % 11 === 0 ? 429 : 200,
        attempt: index % 13 === 0 ? 2 : 1,
      }),
    );
    const forwards = new SoakRecorder(constant);
    const backwards = new SoakRecorder(constant);
    for (const record of samples) forwards.record(record);
    for (const record of [...samples].reverse()) backwards.record(record);
    expect(backwards.summary("interrupted", times(2_000))).toEqual(
      forwards.summary("interrupted", times(2_000)),
    );
    expect(backwards.closeAllSeconds()).toEqual(forwards.closeAllSeconds());
  });
});
