// The demo probe history: retention's worth of minutes, with the demo outages and their state changes in it.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { demoIncidents } from "@/lib/db/seed";
import { seedDemoProbeHistory } from "@/lib/db/seed-probes";
import { ALL_ENDPOINTS } from "@/lib/probes/rollup";
import { vendorHistoryAround } from "@/lib/probes/store";

beforeEach(async () => {
  await db.probeMinute.deleteMany();
  await db.probeStateChange.deleteMany();
});

describe("seedDemoProbeHistory", () => {
  it("writes a minute per environment for the days asked, failing around each 5xx incident", async () => {
    const now = new Date("2026-11-30T12:00:30Z");
    const incidents = demoIncidents(60, now);
    const written = await seedDemoProbeHistory(incidents, now, 2);
    expect(written).toBe(2 * 2 * 24 * 60);
    expect(await db.probeMinute.count({ where: { endpoint: ALL_ENDPOINTS } })).toBe(written);

    const recentOutage = incidents.find(
      (incident) =>
        (incident.httpStatus ?? 0) >= 500 &&
        now.getTime() - incident.occurredAt.getTime() < 86_400_000,
    );
    if (!recentOutage) return;
    const { series } = await vendorHistoryAround(
      recentOutage.environment as "sandbox" | "prod",
      recentOutage.occurredAt,
    );
    expect(Math.max(...series.failurePct.map((point) => point.v))).toBe(100);
    const changes = await db.probeStateChange.findMany({
      where: { environment: recentOutage.environment },
      orderBy: { at: "asc" },
    });
    expect(changes.some((change) => change.state === "down")).toBe(true);
  });
});
