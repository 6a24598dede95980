// Whether a soak run passed, apart from how it ended: a run that completed its schedule while
// every request got 401 completed, and failed. Worked out from the plan and the summary on
// every read, so runs recorded before verdicts existed get one too.
import type { SoakRunStatus } from "./store";
import type { Schedule } from "./plan";
import type { SoakErrorKind, SoakSummary, StepStats } from "./types";

export type SoakVerdict = { verdict: "passed" | "failed"; reasons: string[] };

const STATUS_MEANINGS: Record<number, string> = {
  400: "the vendor refused the request as sent (check the method, body and API version)",
  401: "the requests were not authorised (check the API key and bearer token)",
  403: "the requests were forbidden (the token lacks a scope, or the key may not call this)",
  404: "the target path was not found",
  426: "the vendor wants a newer API version",
};

const ERROR_MEANINGS: Record<SoakErrorKind, string> = {
  timeout: "timed out",
  connection_reset: "connection reset",
  connection_refused: "connection refused",
  network: "network error",
  garbage: "an answer that was not what it claimed to be",
  client_saturated: "never sent: the runner's connection cap was hit",
};

function meaningOf(status: number): string {
  if (STATUS_MEANINGS[status]) return STATUS_MEANINGS[status]!;
  if (status === 429) return "rate limited";
  if (status >= 500) return "the vendor failed (server error)";
  return status >= 400 ? "a client error" : "not a success";
}

const pct = (share: number) =>
  `${(share * 100).toLocaleString("en-US", { maximumFractionDigits: share > 0.99 && share < 1 ? 1 : 0 })} %`;

/** What went wrong, most common first: each non-2xx status and each kind of missing answer. */
function failureReasons(summary: SoakSummary): string[] {
  const completed = summary.totals.completed;
  if (completed === 0) return [];
  const byStatus = Object.entries(summary.statusCounts ?? {})
    .map(([status, count]) => ({ status: Number(status), count }))
    .filter(({ status }) => status < 200 || status >= 300)
    .map(({ status, count }) => ({
      count,
      text: `${pct(count / completed)} answered ${status}: ${meaningOf(status)}`,
    }));
  const byError = (Object.entries(summary.errorKinds) as [SoakErrorKind, number][]).map(
    ([kind, count]) => ({
      count,
      text: `${pct(count / completed)} got no answer: ${ERROR_MEANINGS[kind]}`,
    }),
  );
  return [...byStatus, ...byError]
    .sort((a, b) => b.count - a.count)
    .slice(0, 4)
    .map((reason) => reason.text);
}

const successShare = (counts: { ok: number; completed: number }) =>
  counts.completed === 0 ? 0 : counts.ok / counts.completed;

function steppedVerdict(summary: SoakSummary, thresholdPct: number): SoakVerdict {
  const breakpoint = summary.breakpoint;
  if (!breakpoint || breakpoint.safeRate === null)
    return {
      verdict: "failed",
      reasons: ["no safe rate: the first step already broke", ...failureReasons(summary)],
    };
  const counted: StepStats[] = summary.steps.filter((step) =>
    breakpoint.step === null ? true : step.step < breakpoint.step,
  );
  const short = counted.filter((step) => successShare(step) * 100 < thresholdPct);
  if (short.length === 0 && counted.length > 0)
    return {
      verdict: "passed",
      reasons: [
        `safe rate ${breakpoint.safeRate} req/s; every step up to it had at least ${thresholdPct} % 2xx`,
      ],
    };
  return {
    verdict: "failed",
    reasons: [
      ...short.map(
        (step) =>
          `step ${step.step + 1} at ${step.rate} req/s: ${pct(successShare(step))} succeeded (2xx), under the plan's ${thresholdPct} %`,
      ),
      ...failureReasons(summary),
    ],
  };
}

/** The verdict of a run that has ended; null while it is pending or running. */
export function soakVerdict(
  plan: { schedule: Schedule; successThresholdPct: number },
  status: SoakRunStatus,
  summary: SoakSummary | null,
): SoakVerdict | null {
  if (status === "pending" || status === "running") return null;
  if (status !== "completed")
    return {
      verdict: "failed",
      reasons: [
        status === "cancelled"
          ? "the run was cancelled before its schedule ended"
          : `the run ${status === "interrupted" ? "was interrupted" : "failed"} before its schedule ended`,
      ],
    };
  if (!summary || summary.totals.completed === 0)
    return { verdict: "failed", reasons: ["no request was recorded"] };
  if (plan.schedule.kind === "steps") return steppedVerdict(summary, plan.successThresholdPct);
  const share = successShare(summary.totals);
  if (share * 100 >= plan.successThresholdPct)
    return {
      verdict: "passed",
      reasons: [
        `${pct(share)} of requests succeeded (2xx); the plan asks for at least ${plan.successThresholdPct} %`,
      ],
    };
  return {
    verdict: "failed",
    reasons: [
      `${pct(share)} of requests succeeded (2xx); the plan asks for at least ${plan.successThresholdPct} %`,
      ...failureReasons(summary),
    ],
  };
}
