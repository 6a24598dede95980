// Where a stepped soak run broke: the lowest step whose p99 passed 1,500 ms, or whose share of
// 429s or of failures (5xx, timeouts, resets) bent upward, and the safe rate just below it, with
// one line of reasoning per step so an SRE can check the verdict against the numbers.
import type { Breakpoint, StepStats } from "./types";

export const BREAKPOINT_RULES = {
  /** A step whose p99 is above this broke. */
  p99LimitMs: 1_500,
  /**
   * A step whose 429 share, or failure share, is this many points above the lowest share of the
   * steps below it (0 for the first step) bent upward.
   */
  bendPoints: 0.05,
} as const;

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const rateText = (rate: number) => `${Number(rate.toFixed(2)).toLocaleString("en")} req/s`;
const msText = (ms: number | null) =>
  ms === null ? "n/a" : `${Math.round(ms).toLocaleString("en")} ms`;

/** The lowest 429 and failure shares of the steps below the one being judged. */
type Baseline = { share429: number; failureShare: number };

type Verdict = { broke: boolean; why: string };

function judge(step: StepStats, baseline: Baseline): Verdict {
  const { p99LimitMs, bendPoints } = BREAKPOINT_RULES;
  const bent = (share: number, lowest: number) => share - lowest >= bendPoints - 1e-12;
  const bend = (what: string, lowest: number) =>
    `${what} bent upward, ${Math.round(bendPoints * 100)} points or more above the lowest below it (${percent(lowest)})`;
  if (step.p99Ms !== null && step.p99Ms > p99LimitMs)
    return { broke: true, why: `p99 above ${msText(p99LimitMs)}` };
  if (bent(step.share429, baseline.share429))
    return { broke: true, why: bend("the 429 share", baseline.share429) };
  if (bent(step.failureShare, baseline.failureShare))
    return {
      broke: true,
      why: bend("the failure share (5xx, timeouts, resets)", baseline.failureShare),
    };
  return { broke: false, why: "held" };
}

/**
 * The rule: walking the steps from the lowest rate, the first step where p99 > 1,500 ms, or
 * where the 429 share or the failure share is at least 5 percentage points above the lowest such
 * share of the steps below it (above 0 for the first step). Measuring the rise from the cleanest
 * step below catches both a sudden jump and a climb spread over several steps, while a stray 429
 * or two does not count. Failures count because a vendor that sheds load with 503s or resets,
 * quickly, breaks as surely as one that slows down. The safe rate is the rate of the step below
 * the breakpoint (null when the first step broke); when no step broke it is the highest rate held.
 */
export function findBreakpoint(steps: readonly StepStats[]): Breakpoint {
  const ordered = [...steps].sort((a, b) => a.rate - b.rate);
  const reasoning: string[] = [];
  let previous: StepStats | null = null;
  let baseline: Baseline = { share429: 0, failureShare: 0 };
  for (const step of ordered) {
    const verdict = judge(step, baseline);
    const was = (share: (of: StepStats) => number) =>
      previous ? ` (was ${percent(share(previous))})` : "";
    const seen = `p99 ${msText(step.p99Ms)}, 429s ${percent(step.share429)}${was((of) => of.share429)}, failures ${percent(step.failureShare)}${was((of) => of.failureShare)}`;
    const line = `step ${step.step + 1} at ${rateText(step.rate)}: ${seen}: ${verdict.why}`;
    if (verdict.broke) {
      reasoning.push(`${line}: breakpoint`);
      const safeRate = previous?.rate ?? null;
      reasoning.push(
        safeRate === null
          ? "the first step already broke: no tested rate is safe"
          : `safe rate: ${rateText(safeRate)}, the step below the breakpoint`,
      );
      return { step: step.step, rate: step.rate, safeRate, reasoning };
    }
    reasoning.push(line);
    baseline = previous
      ? {
          share429: Math.min(baseline.share429, step.share429),
          failureShare: Math.min(baseline.failureShare, step.failureShare),
        }
      : { share429: step.share429, failureShare: step.failureShare };
    previous = step;
  }
  if (!previous)
    return {
      step: null,
      rate: null,
      safeRate: null,
      reasoning: ["no step completed any request: nothing to judge"],
    };
  reasoning.push(
    `no step broke: the safe rate is at least ${rateText(previous.rate)}, the highest step tested`,
  );
  return { step: null, rate: null, safeRate: previous.rate, reasoning };
}
