// The data a latency/failure/429 chart draws, built on the server. Each series is downsampled with
// LTTB (largest-triangle-three-buckets), which keeps spikes a plain stride would drop, so no
// chart ever ships more than MAX_POINTS points per series however long the history.
import { createLTTB } from "downsample";

export const MAX_POINTS = 1_000;

export type SeriesPoint = { t: number; v: number };

export type ChartMarker = { t: number; label: string; kind: "step" | "breakpoint" | "incident" };

export type LatencySeries = {
  p50: SeriesPoint[];
  p95: SeriesPoint[];
  p99: SeriesPoint[];
  /** 429 answers per bucket (per second for a soak run, per minute for probes). */
  count429: SeriesPoint[];
  /** Percentage of a bucket's requests that failed: 5xx, timeouts, transport errors, other non-2xx but 429. */
  failurePct: SeriesPoint[];
  markers: ChartMarker[];
  /** `clock`: t is epoch ms; `elapsed`: t is seconds since the run started. */
  xAxis: "clock" | "elapsed";
  /** Points before downsampling, so a chart can say it was thinned. */
  sourcePoints: number;
};

const lttb = createLTTB<SeriesPoint>({ x: "t", y: "v" });

/** Thins a series to at most `maxPoints`, keeping its first and last points and its shape. */
export function downsample(points: SeriesPoint[], maxPoints = MAX_POINTS): SeriesPoint[] {
  if (points.length <= maxPoints) return points;
  return Array.from(lttb(points, maxPoints) as ArrayLike<SeriesPoint>);
}

type Bucket = {
  t: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  status429: number;
  /** Failed share of the bucket in percent; null when nothing in it says (no request reached the endpoint). */
  failurePct: number | null;
};

const pick = (
  buckets: readonly Bucket[],
  field: "p50Ms" | "p95Ms" | "p99Ms" | "failurePct",
): SeriesPoint[] =>
  buckets.flatMap((bucket) => (bucket[field] === null ? [] : [{ t: bucket.t, v: bucket[field] }]));

/** Builds a chart's series from time buckets (seconds of a soak run or minutes of probes). */
export function latencySeries(
  buckets: readonly Bucket[],
  xAxis: LatencySeries["xAxis"],
  markers: ChartMarker[] = [],
): LatencySeries {
  return {
    p50: downsample(pick(buckets, "p50Ms")),
    p95: downsample(pick(buckets, "p95Ms")),
    p99: downsample(pick(buckets, "p99Ms")),
    count429: downsample(buckets.map((bucket) => ({ t: bucket.t, v: bucket.status429 }))),
    failurePct: downsample(pick(buckets, "failurePct")),
    markers,
    xAxis,
    sourcePoints: buckets.length,
  };
}
