// A soak run and a probe cycle cut by kill -9: the run ends as interrupted with what it had
// recorded, the probes pick up again after the restart, and the file stays sound.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ADMIN_KEY, startSimulatorForFile } from "@/tests/unit/simulator/support";
import {
  apiToken,
  assertBuilt,
  callApi,
  integrityCheck,
  killHard,
  startApp,
  type RunningApp,
} from "./support";
import { countSoakSamples } from "@/tests/support/db-factories";

const simulator = startSimulatorForFile();
let app: RunningApp | null = null;
afterAll(async () => {
  if (app) await killHard(app);
});

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

describe("kill -9 in the middle of background work", () => {
  it("ends a soak run killed mid-way as interrupted, with the samples it recorded", async () => {
    assertBuilt();
    const target = createServer((_request, response) => response.end("ok"));
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const token = await apiToken();
    try {
      app = await startApp();
      const started = await callApi(token, "POST", "/api/v1/soak-runs", {
        name: "killed mid-way",
        environment: "sandbox",
        targetUrl: `http://127.0.0.1:${(target.address() as AddressInfo).port}/ok`,
        schedule: { kind: "constant", rate: 50 },
        durationS: 300,
      });
      expect(started.status).toBe(202);
      const runId = (started.body as { id: string }).id;
      await until(
        "the run's first samples",
        async () => ((await countSoakSamples(runId)) > 0 ? true : null),
        30_000,
      );
      await killHard(app);
      const recorded = await countSoakSamples(runId);
      app = await startApp();

      const ended = await until(
        "the killed run to end",
        async () => {
          const answer = await callApi(token, "GET", `/api/v1/soak-runs/${runId}`);
          const run = answer.body as { status: string; summary: { requestsSent: number } | null };
          return run.status === "running" || run.status === "pending" ? null : run;
        },
        60_000,
      );
      expect(ended.status).toBe("interrupted");
      expect(ended.summary?.requestsSent).toBe(recorded);
      // The app takes new runs again: the dead one no longer counts as going.
      const next = await callApi(token, "POST", "/api/v1/soak-runs", {
        name: "after the crash",
        environment: "sandbox",
        targetUrl: `http://127.0.0.1:${(target.address() as AddressInfo).port}/ok`,
        schedule: { kind: "constant", rate: 5 },
        durationS: 1,
      });
      expect(next.status).toBe(202);
      await killHard(app);
      app = null;
      expect(integrityCheck()).toBe("ok");
    } finally {
      target.close();
    }
  });

  it("keeps probing after kills in the middle of probe cycles", async () => {
    assertBuilt();
    const env = {
      PITSTOP_PROBES: "on",
      PITSTOP_PROBE_INTERVAL_S: "2",
      SIMULATOR_URL: simulator.baseUrl,
      SIMULATOR_ADMIN_KEY: ADMIN_KEY,
    };
    const samplesSince = (since: Date) =>
      db.probeSample.count({ where: { sentAt: { gt: since } } });
    const bootedAt = new Date();
    app = await startApp(env);
    await until(
      "the first probe samples",
      async () => ((await samplesSince(bootedAt)) > 0 ? true : null),
      30_000,
    );
    for (let kill = 0; kill < 3; kill++) {
      await sleep(Math.random() * 2_000);
      await killHard(app);
      app = await startApp(env);
    }
    const restartedAt = new Date();
    await until(
      "probe samples after the last restart",
      async () => ((await samplesSince(restartedAt)) > 0 ? true : null),
      30_000,
    );
    const status = await callApi(await apiToken(), "GET", "/api/v1/probes/status");
    expect(status.status).toBe(200);
    await killHard(app);
    app = null;
    expect(integrityCheck()).toBe("ok");
  });
});
