// The breakpoint of a stepped run: the lowest step whose p99 passed 1,500 ms or whose 429 share
// or failure share bent upward, the safe rate below it, and a line of reasoning per step.
import { describe, expect, it } from "vitest";
import { findBreakpoint } from "@/lib/load/breakpoint";
import type { StepStats } from "@/lib/load/types";

/** A step at `rate` req/s (steps 10 apart, 10 s each) with the given p99, 429 share and 5xx share over 1,000 answers. */
function step(
  index: number,
  {
    p99Ms = 40,
    share429 = 0,
    failureShare = 0,
  }: { p99Ms?: number | null; share429?: number; failureShare?: number } = {},
): StepStats {
  const rate = (index + 1) * 10;
  const completed = 1_000;
  const status429 = Math.round(share429 * completed);
  const status5xx = Math.round(failureShare * completed);
  return {
    step: index,
    rate,
    startS: index * 10,
    endS: (index + 1) * 10,
    sent: completed,
    completed,
    ok: completed - status429 - status5xx,
    status429,
    status5xx,
    errors: 0,
    p50Ms: p99Ms === null ? null : p99Ms / 4,
    p95Ms: p99Ms === null ? null : p99Ms / 2,
    p99Ms,
    maxMs: p99Ms,
    achievedRate: rate,
    share429,
    errorShare: 0,
    failureShare,
  };
}

describe("findBreakpoint", () => {
  it("breaks at the lowest step whose p99 is above 1,500 ms; exactly 1,500 ms holds", () => {
    const breakpoint = findBreakpoint([
      step(0),
      step(1, { p99Ms: 1_500 }),
      step(2, { p99Ms: 1_501 }),
      step(3, { p99Ms: 4_000 }),
    ]);
    expect(breakpoint).toMatchObject({ step: 2, rate: 30, safeRate: 20 });
    expect(breakpoint.reasoning).toEqual([
      "step 1 at 10 req/s: p99 40 ms, 429s 0.0%, failures 0.0%: held",
      "step 2 at 20 req/s: p99 1,500 ms, 429s 0.0% (was 0.0%), failures 0.0% (was 0.0%): held",
      "step 3 at 30 req/s: p99 1,501 ms, 429s 0.0% (was 0.0%), failures 0.0% (was 0.0%): p99 above 1,500 ms: breakpoint",
      "safe rate: 20 req/s, the step below the breakpoint",
    ]);
  });

  it("breaks where the 429 share bends upward, not on a stray 429 below it", () => {
    const breakpoint = findBreakpoint([
      step(0),
      step(1, { share429: 0.004 }),
      step(2, { share429: 0.02 }),
      step(3, { share429: 0.312 }),
      step(4, { share429: 0.5 }),
    ]);
    expect(breakpoint).toMatchObject({ step: 3, rate: 40, safeRate: 30 });
    expect(breakpoint.reasoning).toHaveLength(5);
    expect(breakpoint.reasoning[3]).toBe(
      "step 4 at 40 req/s: p99 40 ms, 429s 31.2% (was 2.0%), failures 0.0% (was 0.0%): the 429 share bent upward, 5 points or more above the lowest below it (0.0%): breakpoint",
    );
  });

  it("catches a climb spread over several steps by measuring from the cleanest step below", () => {
    const breakpoint = findBreakpoint([
      step(0, { share429: 0.01 }),
      step(1, { share429: 0.03 }),
      step(2, { share429: 0.05 }),
      step(3, { share429: 0.07 }),
    ]);
    expect(breakpoint).toMatchObject({ step: 3, rate: 40, safeRate: 30 });
  });

  it("reports no breakpoint, and the highest rate held as safe, when every step held", () => {
    const breakpoint = findBreakpoint([
      step(0),
      step(1, { share429: 0.01 }),
      step(2, { p99Ms: 900 }),
    ]);
    expect(breakpoint).toEqual({
      step: null,
      rate: null,
      safeRate: 30,
      reasoning: [
        "step 1 at 10 req/s: p99 40 ms, 429s 0.0%, failures 0.0%: held",
        "step 2 at 20 req/s: p99 40 ms, 429s 1.0% (was 0.0%), failures 0.0% (was 0.0%): held",
        "step 3 at 30 req/s: p99 900 ms, 429s 0.0% (was 1.0%), failures 0.0% (was 0.0%): held",
        "no step broke: the safe rate is at least 30 req/s, the highest step tested",
      ],
    });
  });

  it("has no safe rate when the first step already broke", () => {
    expect(findBreakpoint([step(0, { share429: 0.2 }), step(1, { share429: 0.4 })])).toEqual({
      step: 0,
      rate: 10,
      safeRate: null,
      reasoning: [
        "step 1 at 10 req/s: p99 40 ms, 429s 20.0%, failures 0.0%: the 429 share bent upward, 5 points or more above the lowest below it (0.0%): breakpoint",
        "the first step already broke: no tested rate is safe",
      ],
    });
    expect(findBreakpoint([step(0, { p99Ms: 2_000 })])).toMatchObject({ step: 0, safeRate: null });
  });

  it("breaks where fast failures (5xx, resets) bend upward even though p99 and 429s hold", () => {
    const breakpoint = findBreakpoint([
      step(0, { failureShare: 0.01 }),
      step(1, { failureShare: 0.02 }),
      step(2, { failureShare: 0.25, p99Ms: 30 }),
      step(3, { failureShare: 0.6 }),
    ]);
    expect(breakpoint).toMatchObject({ step: 2, rate: 30, safeRate: 20 });
    expect(breakpoint.reasoning[2]).toBe(
      "step 3 at 30 req/s: p99 30 ms, 429s 0.0% (was 0.0%), failures 25.0% (was 2.0%): the failure share (5xx, timeouts, resets) bent upward, 5 points or more above the lowest below it (1.0%): breakpoint",
    );
    expect(
      findBreakpoint([step(0, { failureShare: 0.01 }), step(1, { failureShare: 0.04 })]).step,
    ).toBeNull();
  });

  it("judges steps in rate order and says so when there is nothing to judge", () => {
    expect(findBreakpoint([step(2, { share429: 0.3 }), step(0), step(1)])).toMatchObject({
      step: 2,
      safeRate: 20,
    });
    expect(findBreakpoint([])).toEqual({
      step: null,
      rate: null,
      safeRate: null,
      reasoning: ["no step completed any request: nothing to judge"],
    });
  });
});
