// The Trends filters, the vendor minutes per month and the CSV route.
import { describe, expect, it } from "vitest";
import { GET as getTrendCsv } from "@/app/api/v1/trends/[chart]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { parseTrendsQuery } from "@/lib/trends/query";
import { minutesByMonth, vendorMinutes } from "@/lib/trends/vendor-status";

const system = { kind: "system", label: "test" } as const;

describe("trend filters", () => {
  it("default to the last 12 weeks, ending today, over both environments", () => {
    const parsed = parseTrendsQuery({});
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.query.to).toBe(new Date().toISOString().slice(0, 10));
    expect((parsed.query.end.getTime() - parsed.query.start.getTime()) / 86_400_000).toBe(84);
    expect(parsed.query.environment).toBe("all");
  });

  it("name the field that is wrong", () => {
    expect(parseTrendsQuery({ from: "2026-02-30" })).toMatchObject({ ok: false, field: "from" });
    expect(parseTrendsQuery({ to: "next week" })).toMatchObject({ ok: false, field: "to" });
    expect(parseTrendsQuery({ environment: "staging" })).toMatchObject({
      ok: false,
      field: "environment",
    });
    expect(parseTrendsQuery({ from: "2026-03-02", to: "2026-03-01" })).toMatchObject({
      ok: false,
      field: "from",
      problem: "from must be on or before to",
    });
    expect(parseTrendsQuery({ from: "2020-01-01", to: "2026-01-01" })).toMatchObject({
      ok: false,
      field: "from",
    });
  });
});

describe("vendor minutes per month", () => {
  const start = new Date("2026-01-01T00:00:00Z");
  const end = new Date("2026-03-01T00:00:00Z");
  it("splits windows across months, counts overlapping windows once and nothing after now", () => {
    const months = minutesByMonth(
      [
        { kind: "incident", startsAt: "2026-01-31T23:00:00Z", endsAt: "2026-02-01T01:00:00Z" },
        { kind: "incident", startsAt: "2026-01-31T23:30:00Z", endsAt: "2026-01-31T23:45:00Z" },
        { kind: "maintenance", startsAt: "2026-02-10T00:00:00Z", endsAt: "2026-02-10T00:30:00Z" },
        { kind: "maintenance", startsAt: "2026-02-20T00:00:00Z", endsAt: "2026-02-20T02:00:00Z" },
        { kind: "incident", startsAt: "2025-12-31T23:50:00Z", endsAt: "2026-01-01T00:10:00Z" },
      ],
      start,
      end,
      new Date("2026-02-20T01:00:00Z"),
    );
    expect(months).toEqual([
      { month: "2026-01", outageMinutes: 70, maintenanceMinutes: 0 },
      { month: "2026-02", outageMinutes: 60, maintenanceMinutes: 90 },
    ]);
  });

  it("is a notice, not a throw, when the vendor cannot be reached", async () => {
    const saved = process.env.SIMULATOR_URL;
    process.env.SIMULATOR_URL = "http://127.0.0.1:9";
    try {
      const result = await vendorMinutes({ start, end, environment: "prod" });
      expect(result.months).toEqual([]);
      expect(result.problem).toContain("status history (prod) could not be read");
    } finally {
      process.env.SIMULATOR_URL = saved;
    }
  });
});

describe("GET /api/v1/trends/{chart}.csv", () => {
  const params = (chart: string) => ({ params: Promise.resolve({ chart }) });
  async function get(chart: string, query: string) {
    const { token } = await createApiToken({ name: "trends-manager", role: "manager" }, system);
    return getTrendCsv(
      new Request(`http://pitstop.test/api/v1/trends/${chart}?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      params(chart),
    );
  }

  it("answers a header-only CSV for a range with nothing in it", async () => {
    for (const [chart, header] of [
      ["causes.csv", "week_start,subscription_inactive"],
      ["opened-resolved.csv", "week_start,opened,resolved\r\n"],
      ["time-to-resolve.csv", "week_start,resolved,mean_hours_to_resolve\r\n"],
      ["signatures.csv", "signature,incidents,last_seen\r\n"],
      ["bursts.csv", "start,end,minutes,probe_429s,incidents_429\r\n"],
      ["diagnosis-accuracy.csv", "week_start,confirmed,diagnosis_right,share_right\r\n"],
      [
        "diagnosis-accuracy-by-cause.csv",
        "confirmed_cause,confirmed,diagnosis_right,share_right\r\n",
      ],
    ] as const) {
      const response = await get(chart, "from=2001-01-01&to=2001-01-31");
      expect(response.status, chart).toBe(200);
      expect(response.headers.get("content-disposition")).toContain(
        `pitstop-${chart.replace(".csv", "")}-all-2001-01-01-to-2001-01-31.csv`,
      );
      const text = await response.text();
      expect(text.startsWith(header), chart).toBe(true);
      expect(text.split("\r\n").filter(Boolean), chart).toHaveLength(1);
    }
  });

  it("refuses a bad query with 400 naming the field, and an unknown chart with 404", async () => {
    const bad = await get("causes.csv", "environment=staging");
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toHaveProperty("environment");
    expect((await get("salaries.csv", "")).status).toBe(404);
  });
});
