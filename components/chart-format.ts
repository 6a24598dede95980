// Pure helpers for the latency chart: axis units, tick and tooltip labels, and the merge of
// separately downsampled series into rows a chart can hover. Kept apart from the client
// component so they read (and test) without a DOM.
import type { LatencySeries, SeriesPoint } from "@/lib/charts/series";

export type LatencyRow = { t: number; p50?: number; p95?: number; p99?: number };

/**
 * One row per x value, with whichever percentiles have a point there. LTTB thins each series on
 * its own, so the three rarely share every x; the chart's lines bridge the gaps.
 */
export function latencyRows(series: Pick<LatencySeries, "p50" | "p95" | "p99">): LatencyRow[] {
  const rows = new Map<number, LatencyRow>();
  const add = (points: SeriesPoint[], key: "p50" | "p95" | "p99") => {
    for (const point of points) {
      const row = rows.get(point.t) ?? { t: point.t };
      row[key] = point.v;
      rows.set(point.t, row);
    }
  };
  add(series.p50, "p50");
  add(series.p95, "p95");
  add(series.p99, "p99");
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

export const xAxisLabel = (xAxis: LatencySeries["xAxis"]) =>
  xAxis === "clock" ? "UTC clock time" : "s since start";

export const count429Label = (xAxis: LatencySeries["xAxis"]) =>
  xAxis === "clock" ? "429s per minute" : "429s per second";

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const CLOCK_STEPS_MS = [10, 15, 30]
  .map((s) => s * SECOND_MS)
  .concat(
    [1, 2, 5, 10, 15, 30].map((m) => m * MINUTE_MS),
    [1, 2, 3, 6, 12].map((h) => h * HOUR_MS),
    [1, 2, 7].map((d) => d * DAY_MS),
  );
const ELAPSED_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
const MAX_TICKS = 7;

/** The x range to draw: as given, or the data's; a single instant is widened so it sits mid-chart. */
export function chartDomain(
  xAxis: LatencySeries["xAxis"],
  ts: number[],
  given?: [number, number],
): [number, number] {
  const [from, to] = given ?? [Math.min(...ts), Math.max(...ts)];
  if (from < to) return [from, to];
  const pad = xAxis === "clock" ? 30 * SECOND_MS : 1;
  return [from - pad, to + pad];
}

/** Ticks on round times (every 5 min, every hour…) or round seconds, at most seven of them. */
export function axisTicks(
  xAxis: LatencySeries["xAxis"],
  [from, to]: [number, number],
): { ticks: number[]; step: number } {
  const steps = xAxis === "clock" ? CLOCK_STEPS_MS : ELAPSED_STEPS_S;
  const step =
    steps.find((candidate) => (to - from) / candidate <= MAX_TICKS) ??
    Math.ceil((to - from) / MAX_TICKS);
  const ticks: number[] = [];
  for (let tick = Math.ceil(from / step) * step; tick <= to; tick += step) ticks.push(tick);
  return { ticks, step };
}

/** A tick's label: seconds since start, or UTC time as precise as the tick step needs. */
export function tickLabel(xAxis: LatencySeries["xAxis"], step: number, spanMs: number) {
  return (t: number): string => {
    if (xAxis === "elapsed") return `${Math.round(t)} s`;
    const iso = new Date(t).toISOString();
    if (step >= DAY_MS) return iso.slice(5, 10);
    if (spanMs > DAY_MS) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
    return step < MINUTE_MS ? iso.slice(11, 19) : iso.slice(11, 16);
  };
}

/** The exact x of a hovered point: full UTC time to the second, or seconds since start. */
export function exactXLabel(xAxis: LatencySeries["xAxis"], t: number): string {
  if (xAxis === "elapsed")
    return `${t.toLocaleString("en-US", { maximumFractionDigits: 1 })} s since start`;
  return `${new Date(t).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export const formatMs = (value: number) =>
  `${value.toLocaleString("en-US", { maximumFractionDigits: value < 10 ? 1 : 0 })} ms`;

/** How many points the largest series shows, to say when the server thinned the history. */
export const shownPoints = (series: LatencySeries) =>
  Math.max(
    series.p50.length,
    series.p95.length,
    series.p99.length,
    series.count429.length,
    series.failurePct.length,
  );

export const hasPoints = (series: LatencySeries) => shownPoints(series) > 0;

/**
 * The three stacked plots' heights for a chart of `height`, and their total: the space the
 * figure keeps for them while the drawing loads, so nothing below it moves when it arrives.
 */
export function latencyPlotHeights(height: number) {
  const percentiles = height;
  const failures = Math.round(height * 0.5);
  const rateLimits = Math.round(height * 0.5);
  return { percentiles, failures, rateLimits, total: percentiles + failures + rateLimits };
}
