// How a soak run is shown: its schedule in words, and what its chart and progress line draw from
// its per-second rows (latency and 429 series over elapsed seconds, a marker where each rate
// step starts, the breakpoint).
import { latencySeries, type ChartMarker, type LatencySeries } from "@/lib/charts/series";
import { scheduleSteps, type Schedule } from "./plan";
import type { Breakpoint } from "./types";

type SecondRow = {
  second: number;
  sent: number;
  completed: number;
  ok: number;
  status429: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
};

export const formatRate = (rate: number) =>
  `${rate.toLocaleString("en", { maximumFractionDigits: 2 })} req/s`;

export function describeSchedule(schedule: Schedule): string {
  if (schedule.kind === "constant") return `constant ${formatRate(schedule.rate)}`;
  return `${formatRate(schedule.startRate)} up to ${formatRate(schedule.ceiling)}, +${schedule.stepBy.toLocaleString("en", { maximumFractionDigits: 2 })} every ${schedule.stepDurationS} s`;
}

/** The breakpoint in one line, or null when the run has none to show (constant, or not finished). */
export function describeBreakpoint(breakpoint: Breakpoint | null | undefined): string | null {
  if (!breakpoint) return null;
  if (breakpoint.rate === null)
    return breakpoint.safeRate === null
      ? "no step completed"
      : `no breakpoint: held ${formatRate(breakpoint.safeRate)}`;
  const safe =
    breakpoint.safeRate === null
      ? "no safe rate (the first step already broke)"
      : `safe ${formatRate(breakpoint.safeRate)}`;
  return `breaks at ${formatRate(breakpoint.rate)}; ${safe}`;
}

export function soakRunMarkers(
  plan: { schedule: Schedule; durationS: number },
  breakpoint: Breakpoint | null,
): ChartMarker[] {
  const steps = scheduleSteps(plan.schedule, plan.durationS);
  const markers: ChartMarker[] = steps.map((step) => ({
    t: step.startS,
    label: formatRate(step.rate),
    kind: "step",
  }));
  if (breakpoint?.step != null && breakpoint.rate != null) {
    const broken = steps.find((step) => step.index === breakpoint.step);
    if (broken)
      markers.push({
        t: broken.startS,
        label: `breakpoint: ${formatRate(breakpoint.rate)}`,
        kind: "breakpoint",
      });
  }
  return markers;
}

export function soakRunSeries(
  plan: { schedule: Schedule; durationS: number },
  seconds: readonly SecondRow[],
  breakpoint: Breakpoint | null,
): LatencySeries {
  const buckets = seconds.map((row) => ({
    t: row.second,
    p50Ms: row.p50Ms,
    p95Ms: row.p95Ms,
    p99Ms: row.p99Ms,
    status429: row.status429,
    // Neither a 2xx nor a 429: 4xx, 5xx and requests with no usable answer.
    failurePct:
      row.completed === 0
        ? null
        : Math.round(((row.completed - row.ok - row.status429) / row.completed) * 1000) / 10,
  }));
  return latencySeries(buckets, "elapsed", soakRunMarkers(plan, breakpoint));
}

export type SoakProgress = { elapsedS: number; durationS: number; sent: number; completed: number };

/** How far a run has got, by the seconds it has written (the last one may still be filling). */
export function soakRunProgress(durationS: number, seconds: readonly SecondRow[]): SoakProgress {
  let sent = 0;
  let completed = 0;
  let last = -1;
  for (const row of seconds) {
    sent += row.sent;
    completed += row.completed;
    last = Math.max(last, row.second);
  }
  return { elapsedS: Math.min(durationS, last + 1), durationS, sent, completed };
}
