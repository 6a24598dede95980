import { describe, expect, it } from "vitest";
import {
  axisTicks,
  chartDomain,
  exactXLabel,
  latencyRows,
  tickLabel,
} from "@/components/chart-format";

const at = (iso: string) => Date.parse(iso);

describe("latency chart axis", () => {
  it("puts clock ticks on round 10 minutes over an hour, labelled in UTC", () => {
    const domain: [number, number] = [at("2026-03-01T09:03:20Z"), at("2026-03-01T10:03:20Z")];
    const { ticks, step } = axisTicks("clock", domain);
    expect(ticks.map(tickLabel("clock", step, domain[1] - domain[0]))).toEqual([
      "09:10",
      "09:20",
      "09:30",
      "09:40",
      "09:50",
      "10:00",
    ]);
  });

  it("labels a week by day and a short span to the second", () => {
    const week: [number, number] = [at("2026-03-01T00:00:00Z"), at("2026-03-08T00:00:00Z")];
    const weekly = axisTicks("clock", week);
    expect(weekly.ticks.map(tickLabel("clock", weekly.step, week[1] - week[0]))).toContain("03-04");
    const minute: [number, number] = [at("2026-03-01T10:00:05Z"), at("2026-03-01T10:01:05Z")];
    const short = axisTicks("clock", minute);
    expect(short.ticks.map(tickLabel("clock", short.step, 60_000))[0]).toBe("10:00:10");
  });

  it("steps elapsed seconds roundly and never draws more than seven ticks", () => {
    const { ticks } = axisTicks("elapsed", [0, 1_800]);
    expect(ticks).toEqual([0, 300, 600, 900, 1200, 1500, 1800]);
    expect(tickLabel("elapsed", 300, 1_800)(600)).toBe("600 s");
  });

  it("widens a single instant so its point sits inside the chart", () => {
    expect(chartDomain("clock", [1_000_000, 1_000_000])).toEqual([970_000, 1_030_000]);
    expect(chartDomain("clock", [5], [0, 10])).toEqual([0, 10]);
  });

  it("says exactly when a hovered point is", () => {
    expect(exactXLabel("clock", at("2026-03-01T10:00:05.400Z"))).toBe("2026-03-01 10:00:05 UTC");
    expect(exactXLabel("elapsed", 12.25)).toBe("12.3 s since start");
  });
});

describe("latency rows", () => {
  it("merges separately thinned percentiles into one row per x", () => {
    expect(
      latencyRows({
        p50: [
          { t: 2, v: 5 },
          { t: 1, v: 4 },
        ],
        p95: [{ t: 1, v: 9 }],
        p99: [{ t: 3, v: 20 }],
      }),
    ).toEqual([
      { t: 1, p50: 4, p95: 9 },
      { t: 2, p50: 5 },
      { t: 3, p99: 20 },
    ]);
  });
});
