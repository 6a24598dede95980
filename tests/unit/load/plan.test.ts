// A soak plan's bounds (what is refused, and why) and the arithmetic of its rate schedule.
import { describe, expect, it } from "vitest";
import {
  arrivalsDueBy,
  ArrivalTimeline,
  plannedArrivals,
  requestBudgetOf,
  scheduleSteps,
  soakPlanSchema,
  SOAK_LIMITS,
  stepAt,
  type SoakPlanInput,
} from "@/lib/load/plan";

const planInput = (overrides: Partial<SoakPlanInput> = {}): SoakPlanInput => ({
  name: "account read",
  environment: "sandbox",
  targetUrl: "http://127.0.0.1:4010/sandbox/v1/account",
  schedule: { kind: "constant", rate: 10 },
  durationS: 60,
  ...overrides,
});

function refusal(input: SoakPlanInput): { path: string; message: string }[] {
  const parsed = soakPlanSchema.safeParse(input);
  if (parsed.success) throw new Error("the plan was accepted");
  return parsed.error.issues.map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
  }));
}

const steps = (
  startRate: number,
  stepBy: number,
  ceiling: number,
  stepDurationS: number,
  durationS: number,
) => scheduleSteps({ kind: "steps", startRate, stepBy, ceiling, stepDurationS }, durationS);

describe("plan bounds", () => {
  it("accepts loopback targets in each spelling", () => {
    for (const targetUrl of [
      "http://localhost:4010/x",
      "http://127.0.0.1:4010/x",
      "http://127.8.9.10/x",
      "http://[::1]:4010/x",
    ]) {
      expect(soakPlanSchema.safeParse(planInput({ targetUrl })).success, targetUrl).toBe(true);
    }
  });

  it("refuses a target that is not loopback, naming targetUrl", () => {
    for (const targetUrl of [
      "http://10.0.0.5/x",
      "https://api.vendor.example/v1/account",
      "http://128.0.0.1/x",
      "http://localhost.example.com/x",
    ]) {
      const issues = refusal(planInput({ targetUrl }));
      expect(issues, targetUrl).toEqual([
        { path: "targetUrl", message: expect.stringContaining("loopback") },
      ]);
    }
  });

  it("refuses a duration over 30 minutes with the limit in the reason", () => {
    expect(refusal(planInput({ durationS: 1_801 }))).toEqual([
      { path: "durationS", message: expect.stringContaining("1800 seconds (30 minutes)") },
    ]);
    expect(soakPlanSchema.safeParse(planInput({ durationS: 1_800 })).success).toBe(true);
  });

  it("refuses a schedule that plans more requests than a run may send", () => {
    const issues = refusal(
      planInput({ schedule: { kind: "constant", rate: 2_000 }, durationS: 1_800 }),
    );
    expect(issues).toEqual([
      { path: "schedule", message: expect.stringContaining("3,600,000 requests") },
    ]);
  });

  it("refuses a budget above the cap and a rate above the ceiling", () => {
    expect(refusal(planInput({ requestBudget: SOAK_LIMITS.maxBudget + 1 }))[0]!.path).toBe(
      "requestBudget",
    );
    expect(
      refusal(planInput({ schedule: { kind: "constant", rate: SOAK_LIMITS.maxRate + 1 } }))[0],
    ).toEqual({ path: "schedule.rate", message: expect.stringContaining("at most 20000") });
  });

  it("refuses a stepped schedule whose ceiling is below its start", () => {
    const issues = refusal(
      planInput({
        schedule: { kind: "steps", startRate: 50, stepBy: 10, ceiling: 40, stepDurationS: 10 },
      }),
    );
    expect(issues).toEqual([
      { path: "schedule.ceiling", message: "ceiling must be at least startRate" },
    ]);
  });
});

describe("schedule arithmetic", () => {
  it("splits a stepped schedule into steps, the last holding until the end", () => {
    expect(steps(10, 10, 40, 2, 10)).toEqual([
      { index: 0, rate: 10, startS: 0, endS: 2 },
      { index: 1, rate: 20, startS: 2, endS: 4 },
      { index: 2, rate: 30, startS: 4, endS: 6 },
      { index: 3, rate: 40, startS: 6, endS: 10 },
    ]);
  });

  it("drops steps the duration never reaches and cuts the one it ends in", () => {
    expect(steps(10, 10, 80, 4, 6)).toEqual([
      { index: 0, rate: 10, startS: 0, endS: 4 },
      { index: 1, rate: 20, startS: 4, endS: 6 },
    ]);
  });

  it("counts arrivals due as the integral of the rate, rounded down", () => {
    const schedule = steps(10, 10, 40, 2, 10);
    expect(arrivalsDueBy(schedule, 0)).toBe(0);
    expect(arrivalsDueBy(schedule, 1.05)).toBe(10);
    expect(arrivalsDueBy(schedule, 3)).toBe(20 + 20);
    expect(arrivalsDueBy(schedule, 10)).toBe(20 + 40 + 60 + 160);
    expect(arrivalsDueBy(schedule, 99)).toBe(280);
    expect(
      plannedArrivals(
        { kind: "steps", startRate: 10, stepBy: 10, ceiling: 40, stepDurationS: 2 },
        10,
      ),
    ).toBe(280);
    expect(plannedArrivals({ kind: "constant", rate: 2.5 }, 3)).toBe(7);
    expect(stepAt(schedule, 5.99).rate).toBe(30);
    expect(stepAt(schedule, 6).rate).toBe(40);
  });

  it("places arrival k where the integral reaches k: the first at 0, then 1/rate apart within each step", () => {
    const timeline = new ArrivalTimeline(steps(10, 10, 20, 2, 4), 4);
    expect(timeline.total).toBe(60);
    const offsets = [0, 1, 19, 20, 21, 59].map((index) => [
      index,
      Number(timeline.offsetS(index).toFixed(6)),
      timeline.stepOf(index).index,
    ]);
    expect(offsets).toEqual([
      [0, 0, 0],
      [1, 0.1, 0],
      [19, 1.9, 0],
      [20, 2, 1],
      [21, 2.05, 1],
      [59, 3.95, 1],
    ]);
    expect([
      timeline.dueBy(-0.001),
      timeline.dueBy(0),
      timeline.dueBy(0.0999),
      timeline.dueBy(0.1),
      timeline.dueBy(2.05),
      timeline.dueBy(60),
    ]).toEqual([0, 1, 1, 2, 22, 60]);
  });

  it("never issues more arrivals than planned when the rate leaves a fraction", () => {
    const timeline = new ArrivalTimeline(scheduleSteps({ kind: "constant", rate: 2.5 }, 1), 1);
    expect(timeline.total).toBe(2);
    expect([timeline.offsetS(0), timeline.offsetS(1)]).toEqual([0, 0.4]);
    expect(timeline.dueBy(0.99)).toBe(2);
  });
});

describe("request budget", () => {
  const base = soakPlanSchema.parse(
    planInput({ schedule: { kind: "constant", rate: 10 }, durationS: 60 }),
  );

  it("is the plan's own budget when it has one", () => {
    expect(
      requestBudgetOf({
        ...base,
        requestBudget: 123,
        retry: { maxAttempts: 3, baseMs: 200, capMs: 30_000 },
      }),
    ).toBe(123);
  });

  it("defaults to the planned arrivals, times the attempts when retries are on, within the cap", () => {
    expect(requestBudgetOf(base)).toBe(600);
    expect(
      requestBudgetOf({ ...base, retry: { maxAttempts: 3, baseMs: 200, capMs: 30_000 } }),
    ).toBe(1_800);
    expect(
      requestBudgetOf({
        ...base,
        schedule: { kind: "constant", rate: 1_000 },
        durationS: 1_800,
        retry: { maxAttempts: 5, baseMs: 200, capMs: 30_000 },
      }),
    ).toBe(SOAK_LIMITS.maxBudget);
  });
});
