// A soak run whose app server was killed (kill -9, OOM) was still beating a moment before the
// server came back, so the sweep at start leaves it alone. It must still end as interrupted,
// without anyone listing runs: only its page or GET /api/v1/soak-runs/{id} may be looked at.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { STALE_AFTER_MS, sweepInterruptedSoakRuns } from "@/lib/load/service";
import { register } from "@/instrumentation";
import { runningRun, soakPlan } from "./soak-factories";

describe("the app server after a crash", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("ends a run that was still beating when the server restarted as interrupted, once its heartbeat goes stale", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("PITSTOP_PROBES", "off");
    vi.stubEnv("PITSTOP_WEEKLY_EXPORT_DIR", "");
    await register();
    // The start's own sweep is over before the run's heartbeat goes stale, as after a restart.
    await sweepInterruptedSoakRuns();
    const run = await runningRun(soakPlan(), {
      startedAgoMs: 20_000,
      beatAgoMs: STALE_AFTER_MS - 1_000,
    });

    const deadline = Date.now() + 20_000;
    let status = "running";
    while (status === "running" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await db.soakRun.findUniqueOrThrow({ where: { id: run.id } })).status;
    }
    expect(status).toBe("interrupted");
  }, 30_000);
});
