// A run's verdict, apart from its lifecycle: a run where every request failed never passes.
import { describe, expect, it } from "vitest";
import { SoakRecorder } from "@/lib/load/recorder";
import type { Schedule } from "@/lib/load/plan";
import type { SoakOutcome, SoakSampleRecord } from "@/lib/load/types";
import { soakVerdict } from "@/lib/load/verdict";
import { sample } from "./soak-factories";

const constant: Schedule = { kind: "constant", rate: 10 };
const stepped: Schedule = {
  kind: "steps",
  startRate: 10,
  stepBy: 10,
  ceiling: 30,
  stepDurationS: 2,
};

function summaryOf(
  schedule: Schedule,
  samples: SoakSampleRecord[],
  outcome: SoakOutcome = "completed",
) {
  const recorder = new SoakRecorder({ schedule, durationS: 6 });
  for (const record of samples) recorder.record(record);
  return recorder.summary(outcome, {
    startedAt: new Date("2026-12-01T10:00:00Z"),
    finishedAt: new Date("2026-12-01T10:00:06Z"),
    requestBudget: 1_000,
  });
}

const many = (count: number, overrides: Partial<SoakSampleRecord>) =>
  Array.from({ length: count }, (_, n) => sample({ second: n % 6, ...overrides }));

describe("soakVerdict for a constant-rate run", () => {
  it("fails a run whose every request answered 401, saying why", () => {
    const summary = summaryOf(constant, many(100, { status: 401 }));
    expect(
      soakVerdict({ schedule: constant, successThresholdPct: 99 }, "completed", summary),
    ).toEqual({
      verdict: "failed",
      reasons: [
        "0 % of requests succeeded (2xx); the plan asks for at least 99 %",
        "100 % answered 401: the requests were not authorised (check the API key and bearer token)",
      ],
    });
  });

  it("passes when the 2xx share meets the plan's threshold", () => {
    const summary = summaryOf(constant, [...many(995, {}), ...many(5, { status: 503 })]);
    expect(
      soakVerdict({ schedule: constant, successThresholdPct: 99 }, "completed", summary),
    ).toMatchObject({ verdict: "passed" });
    expect(
      soakVerdict({ schedule: constant, successThresholdPct: 99.9 }, "completed", summary),
    ).toMatchObject({ verdict: "failed" });
  });

  it("names transport errors and 5xx among the reasons", () => {
    const summary = summaryOf(constant, [
      ...many(50, { status: 0, errorKind: "connection_refused" }),
      ...many(50, { status: 503 }),
    ]);
    const { reasons } = soakVerdict(
      { schedule: constant, successThresholdPct: 99 },
      "completed",
      summary,
    )!;
    expect(reasons).toContain("50 % answered 503: the vendor failed (server error)");
    expect(reasons).toContain("50 % got no answer: connection refused");
  });

  it("has no verdict while the run goes, and fails one cut short", () => {
    expect(
      soakVerdict({ schedule: constant, successThresholdPct: 99 }, "running", null),
    ).toBeNull();
    const summary = summaryOf(constant, many(10, {}), "cancelled");
    expect(
      soakVerdict({ schedule: constant, successThresholdPct: 99 }, "cancelled", summary),
    ).toEqual({ verdict: "failed", reasons: ["the run was cancelled before its schedule ended"] });
  });
});

describe("soakVerdict for a stepped run", () => {
  const stepSamples = (step: number, records: Partial<SoakSampleRecord>[]) =>
    records.map((record, n) => sample({ step, second: step * 2 + (n % 2), ...record }));

  it("passes when it found a safe rate and the steps below the breakpoint were clean; 429s past it are the finding", () => {
    const summary = summaryOf(stepped, [
      ...stepSamples(0, Array(20).fill({})),
      ...stepSamples(1, Array(40).fill({})),
      ...stepSamples(2, [...Array(20).fill({}), ...Array(40).fill({ status: 429 })]),
    ]);
    expect(summary.breakpoint?.safeRate).toBe(20);
    expect(
      soakVerdict({ schedule: stepped, successThresholdPct: 99 }, "completed", summary),
    ).toMatchObject({ verdict: "passed" });
  });

  it("fails when the steps below the breakpoint miss the threshold", () => {
    const summary = summaryOf(stepped, [
      ...stepSamples(0, [...Array(15).fill({}), ...Array(5).fill({ status: 404 })]),
      ...stepSamples(1, [...Array(30).fill({}), ...Array(10).fill({ status: 404 })]),
      ...stepSamples(2, Array(60).fill({ status: 429 })),
    ]);
    const result = soakVerdict(
      { schedule: stepped, successThresholdPct: 99 },
      "completed",
      summary,
    )!;
    expect(result.verdict).toBe("failed");
    expect(result.reasons[0]).toMatch(/step 1 at 10 req\/s: 75 % succeeded/);
  });

  it("fails when no safe rate was found", () => {
    const summary = summaryOf(stepped, [
      ...stepSamples(0, Array(20).fill({ status: 503 })),
      ...stepSamples(1, Array(40).fill({ status: 503 })),
      ...stepSamples(2, Array(60).fill({ status: 503 })),
    ]);
    const result = soakVerdict(
      { schedule: stepped, successThresholdPct: 99 },
      "completed",
      summary,
    )!;
    expect(result.verdict).toBe("failed");
    expect(result.reasons.join(" ")).toMatch(/no safe rate/);
  });
});
