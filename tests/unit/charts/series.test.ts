import { describe, expect, it } from "vitest";
import { downsample, latencySeries, MAX_POINTS, type SeriesPoint } from "@/lib/charts/series";

const wave = (count: number): SeriesPoint[] =>
  Array.from({ length: count }, (_, i) => ({ t: i * 1000, v: 100 + 50 * Math.sin(i / 40) }));

describe("downsample", () => {
  it("caps a long series at 1,000 points and keeps its first and last points", () => {
    const points = wave(50_000);
    const thinned = downsample(points);
    expect(thinned).toHaveLength(MAX_POINTS);
    expect(thinned[0]).toEqual(points[0]);
    expect(thinned.at(-1)).toEqual(points.at(-1));
  });

  it("keeps a lone spike that a fixed stride would step over", () => {
    const points = wave(20_000);
    points[12_345] = { t: points[12_345]!.t, v: 9_000 };
    expect(downsample(points).some((point) => point.v === 9_000)).toBe(true);
  });

  it("returns a short series unchanged", () => {
    const points = wave(MAX_POINTS);
    expect(downsample(points)).toBe(points);
  });

  it("keeps x order", () => {
    const thinned = downsample(wave(5_000), 300);
    expect(thinned).toHaveLength(300);
    expect(thinned.every((point, i) => i === 0 || point.t > thinned[i - 1]!.t)).toBe(true);
  });
});

describe("latencySeries", () => {
  it("skips buckets without a percentile, counts every bucket's 429s, and reports the source size", () => {
    const series = latencySeries(
      [
        { t: 0, p50Ms: 10, p95Ms: 20, p99Ms: 30, status429: 0, failurePct: 0 },
        { t: 60_000, p50Ms: null, p95Ms: null, p99Ms: null, status429: 4, failurePct: null },
        { t: 120_000, p50Ms: 12, p95Ms: 25, p99Ms: 40, status429: 1, failurePct: 50 },
      ],
      "clock",
      [{ t: 60_000, label: "incident", kind: "incident" }],
    );
    expect(series.p99).toEqual([
      { t: 0, v: 30 },
      { t: 120_000, v: 40 },
    ]);
    expect(series.count429).toEqual([
      { t: 0, v: 0 },
      { t: 60_000, v: 4 },
      { t: 120_000, v: 1 },
    ]);
    expect(series.failurePct).toEqual([
      { t: 0, v: 0 },
      { t: 120_000, v: 50 },
    ]);
    expect(series.markers).toHaveLength(1);
    expect(series.sourcePoints).toBe(3);
  });

  it("ships at most 1,000 points per series for a week of minutes", () => {
    const buckets = Array.from({ length: 7 * 24 * 60 }, (_, i) => ({
      t: i * 60_000,
      p50Ms: 10 + (i % 7),
      p95Ms: 50 + (i % 13),
      p99Ms: 90 + (i % 17),
      status429: i % 3,
      failurePct: i % 5,
    }));
    const series = latencySeries(buckets, "clock");
    for (const points of [series.p50, series.p95, series.p99, series.count429, series.failurePct]) {
      expect(points.length).toBeLessThanOrEqual(MAX_POINTS);
      expect(points[0]!.t).toBe(0);
      expect(points.at(-1)!.t).toBe(buckets.at(-1)!.t);
    }
    expect(series.sourcePoints).toBe(buckets.length);
  });
});
