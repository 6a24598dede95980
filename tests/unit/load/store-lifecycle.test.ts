// A soak run's life against a real simulator: cancelled from another process through the
// database, cancelled in-process at once, interrupted by a signal, swept when its process died.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DbSoakSink } from "@/lib/load/db-sink";
import {
  cancelSoakRun,
  executeSoakRun,
  STALE_AFTER_MS,
  sweepInterruptedSoakRuns,
} from "@/lib/load/service";
import {
  createSoakRun,
  getSoakRun,
  markSoakRunInterrupted,
  requestSoakRunCancel,
} from "@/lib/load/store";
import {
  API_VERSION,
  clientOf,
  sleep,
  startSimulatorForFile,
  waitFor,
} from "@/tests/unit/simulator/support";
import { runningRun, sample, second, soakPlan, system } from "./soak-factories";
import { countSoakSamples } from "@/tests/support/db-factories";

const harness = startSimulatorForFile();

async function constantPlan(rate: number, durationS: number) {
  const session = await harness.session("ava.active@example.com", { tenant: "loadlab" });
  return soakPlan({
    targetUrl: `${harness.baseUrl}/sandbox/v1/account`,
    credentials: {
      apiKey: clientOf("loadlab").apiKey,
      bearerToken: session.token,
      apiVersion: API_VERSION,
    },
    schedule: { kind: "constant", rate },
    durationS,
  });
}

describe("soak run lifecycle", () => {
  it("stops a running run when another process records a cancel request, within about a heartbeat", async () => {
    const plan = await constantPlan(20, 30);
    const run = await createSoakRun(system, plan, "cli");
    const execution = executeSoakRun(run, plan);
    await waitFor(
      () => countSoakSamples(run.id),
      (count) => count > 0,
      { timeoutMs: 5_000 },
    );
    // What the console does for a run owned by the CLI: only the database row changes.
    expect((await requestSoakRunCancel(run.id, system)).ok).toBe(true);
    const askedAt = Date.now();
    const ending = await execution;
    expect(Date.now() - askedAt).toBeLessThan(4_000);
    expect(ending.status).toBe("cancelled");
    const stored = await getSoakRun(run.id);
    expect(stored).toMatchObject({ status: "cancelled", summary: { outcome: "cancelled" } });
    expect(stored!.summary!.totals.ok).toBeGreaterThan(0);
    expect(stored!.summary!.totals.completed).toBe(await countSoakSamples(run.id));
  });

  it("stops a run this process owns at once when cancelled through the service", async () => {
    const plan = await constantPlan(20, 30);
    const run = await createSoakRun(system, plan, "app");
    const execution = executeSoakRun(run, plan);
    await waitFor(
      () => getSoakRun(run.id),
      (current) => current?.status === "running",
      { timeoutMs: 3_000 },
    );
    await sleep(300);
    const askedAt = Date.now();
    expect((await cancelSoakRun(run.id, system)).ok).toBe(true);
    expect((await execution).status).toBe("cancelled");
    expect(Date.now() - askedAt).toBeLessThan(900);
  });

  it("ends as interrupted, with what it recorded, when its process is told to stop", async () => {
    const plan = await constantPlan(20, 30);
    const run = await createSoakRun(system, plan, "cli");
    const interrupt = new AbortController();
    const execution = executeSoakRun(run, plan, { signal: interrupt.signal });
    await waitFor(
      () => countSoakSamples(run.id),
      (count) => count >= 10,
      { timeoutMs: 5_000 },
    );
    interrupt.abort("interrupted");
    const ending = await execution;
    expect(ending.status).toBe("interrupted");
    const stored = await getSoakRun(run.id);
    expect(stored).toMatchObject({ status: "interrupted", summary: { outcome: "interrupted" } });
    expect(stored!.summary!.totals.completed).toBe(await countSoakSamples(run.id));
  });

  it("stops writing when a sweep elsewhere already took it for dead, and leaves the sweep's record", async () => {
    const plan = await constantPlan(20, 30);
    const run = await createSoakRun(system, plan, "cli");
    const execution = executeSoakRun(run, plan);
    await waitFor(
      () => getSoakRun(run.id),
      (current) => current?.status === "running",
      { timeoutMs: 3_000 },
    );
    // Another process's sweep, as if this one had stalled past the staleness limit.
    await db.soakRun.update({
      where: { id: run.id },
      data: { heartbeatAt: new Date(Date.now() - 60_000) },
    });
    expect(
      await markSoakRunInterrupted(
        run.id,
        new Date(Date.now() - STALE_AFTER_MS),
        null,
        "swept in a test",
      ),
    ).toBe(true);
    const ending = await execution;
    expect(ending.status).toBe("interrupted");
    expect(await getSoakRun(run.id)).toMatchObject({
      status: "interrupted",
      failureReason: "swept in a test",
    });
  });
});

describe("sweeping interrupted soak runs", () => {
  it("marks a run with a stale heartbeat interrupted, rebuilding its summary from its samples", async () => {
    const plan = soakPlan();
    const run = await runningRun(plan, { startedAgoMs: 60_000, beatAgoMs: 30_000 });
    const startedAt = (await getSoakRun(run.id))!.startedAt!.getTime();
    const samples = [
      ...Array.from({ length: 20 }, (_, n) =>
        sample({
          sentAt: startedAt + n * 100,
          second: Math.floor(n / 10),
          step: 0,
          latencyMs: 10 + n,
        }),
      ),
      ...Array.from({ length: 30 }, (_, n) =>
        sample({
          sentAt: startedAt + 2_000 + n * 50,
          second: 2 + Math.floor(n / 20),
          step: 1,
          status: n % 3 === 0 ? 429 : 200,
        }),
      ),
      sample({
        sentAt: startedAt + 2_500,
        second: 2,
        step: 1,
        attempt: 2,
        status: 0,
        latencyMs: 5_000,
        errorKind: "timeout",
      }),
    ];
    await new DbSoakSink(run.id).write({
      samples,
      seconds: [second({ second: 0 }), second({ second: 1 })],
    });

    expect(await sweepInterruptedSoakRuns()).toContain(run.id);
    const swept = await getSoakRun(run.id);
    expect(swept).toMatchObject({ status: "interrupted" });
    expect(swept!.failureReason).toMatch(/No heartbeat since/);
    expect(swept!.finishedAt).toBeInstanceOf(Date);
    const summary = swept!.summary!;
    expect(summary.outcome).toBe("interrupted");
    expect(summary.totals).toMatchObject({ sent: 50, completed: 51, status429: 10, errors: 1 });
    expect(summary.errorKinds).toEqual({ timeout: 1 });
    expect(summary.steps.map((step) => [step.step, step.sent, step.status429])).toEqual([
      [0, 20, 0],
      [1, 30, 10],
    ]);
    expect(summary.breakpoint?.rate).toBe(20);
    expect(summary.elapsedMs).toBe(30_000);
    // The data stays: samples and seconds are kept with the interrupted run.
    expect(await countSoakSamples(run.id)).toBe(51);
    expect(await db.soakSecond.count({ where: { runId: run.id } })).toBe(2);
    expect(
      await db.auditEvent.count({ where: { entityId: run.id, action: "soak.interrupted" } }),
    ).toBe(1);
  });

  it("leaves a run with a live heartbeat, and a young pending run, alone", async () => {
    const live = await runningRun(soakPlan(), { startedAgoMs: 600_000, beatAgoMs: 1_000 });
    const young = await createSoakRun(system, soakPlan(), "app");
    const swept = await sweepInterruptedSoakRuns();
    expect(swept).not.toContain(live.id);
    expect(swept).not.toContain(young.id);
    expect((await getSoakRun(live.id))?.status).toBe("running");
    expect((await getSoakRun(young.id))?.status).toBe("pending");
  });

  it("marks a run that never started (no heartbeat, created long ago) interrupted without a summary", async () => {
    const orphan = await createSoakRun(system, soakPlan(), "app");
    await db.soakRun.update({
      where: { id: orphan.id },
      data: { createdAt: new Date(Date.now() - 20_000) },
    });
    expect(await sweepInterruptedSoakRuns()).toContain(orphan.id);
    expect(await getSoakRun(orphan.id)).toMatchObject({
      status: "interrupted",
      summary: null,
      failureReason: expect.stringMatching(/never started/),
    });
  });
});
