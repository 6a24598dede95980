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

export const xAxisLabel = (xAxis: LatencySeries["xAxis"]) => (xAxis === "clock" ? "UTC clock time" : "s since start");

export const count429Label = (xAxis: LatencySeries["xAxis"]) => (xAxis === "clock" ? "429s per minute" : "429s per second");

const DAY_MS = 86_400_000;

/** A short tick: seconds for elapsed time, UTC HH:MM for a clock (with the date when the span crosses days). */
export function tickLabel(xAxis: LatencySeries["xAxis"], spanMs: number) {
  return (t: number): string => {
    if (xAxis === "elapsed") return `${Math.round(t)} s`;
    const iso = new Date(t).toISOString();
    return spanMs > DAY_MS ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
  };
}

/** The exact x of a hovered point: full UTC time to the second, or seconds since start. */
export function exactXLabel(xAxis: LatencySeries["xAxis"], t: number): string {
  if (xAxis === "elapsed") return `${t.toLocaleString("en-US", { maximumFractionDigits: 1 })} s since start`;
  return `${new Date(t).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export const formatMs = (value: number) => `${value.toLocaleString("en-US", { maximumFractionDigits: value < 10 ? 1 : 0 })} ms`;

/** How many points the largest series shows, to say when the server thinned the history. */
export const shownPoints = (series: LatencySeries) => Math.max(series.p50.length, series.p95.length, series.p99.length, series.count429.length);

export const hasPoints = (series: LatencySeries) => shownPoints(series) > 0;
