import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DbSoakSink } from "@/lib/load/db-sink";
import {
  beatSoakRun,
  createSoakRun,
  finishSoakRun,
  getSoakRun,
  markSoakRunStarted,
  requestSoakRunCancel,
  soakSamplePages,
  soakSeconds,
} from "@/lib/load/store";
import { countSoakSamples, userActor } from "@/tests/support/db-factories";
import { sample, second, soakPlan, system } from "./soak-factories";

describe("soak run store", () => {
  it("creates a pending run with the plan, credential hints only, and an audit entry", async () => {
    const sre = await userActor("sre");
    const plan = soakPlan({ retry: { maxAttempts: 2 } });
    const run = await createSoakRun(sre, plan, "app");
    expect(run).toMatchObject({
      status: "pending",
      origin: "app",
      createdById: sre.id,
      createdByLabel: sre.label,
      durationS: 6,
    });
    const row = await db.soakRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.options).not.toContain(plan.credentials.apiKey);
    expect(row.options).not.toContain(plan.credentials.bearerToken);
    expect(run.plan).toMatchObject({
      retry: { maxAttempts: 2, baseMs: 200, capMs: 30_000 },
      credentialHints: { apiKey: "••••cret", bearerToken: "••••wxyz" },
      apiVersion: "2025-09-01",
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: run.id } });
    expect(audit).toMatchObject({ action: "soak.create", actorId: sre.id });
    expect(audit.after).not.toContain(plan.credentials.apiKey);
  });

  it("stores the budget the runner enforces: planned arrivals, with room for retries when they are on", async () => {
    expect((await createSoakRun(system, soakPlan(), "app")).requestBudget).toBe(120);
    expect(
      (await createSoakRun(system, soakPlan({ retry: { maxAttempts: 3 } }), "app")).requestBudget,
    ).toBe(360);
    expect(
      (
        await createSoakRun(
          system,
          soakPlan({ retry: { maxAttempts: 3 }, requestBudget: 50 }),
          "app",
        )
      ).requestBudget,
    ).toBe(50);
  });

  it("hides short secrets entirely", async () => {
    const run = await createSoakRun(
      system,
      soakPlan({ credentials: { apiKey: "k1234567" } }),
      "cli",
    );
    expect(run.plan.credentialHints).toEqual({ apiKey: "••••", bearerToken: null });
  });

  it("walks the lifecycle: started once, heartbeats while running, finished once", async () => {
    const run = await createSoakRun(system, soakPlan(), "cli");
    expect(await beatSoakRun(run.id)).toEqual({ alive: false, cancelRequested: false });
    expect(await markSoakRunStarted(run.id)).toBe(true);
    expect(await markSoakRunStarted(run.id)).toBe(false);
    expect(await beatSoakRun(run.id)).toEqual({ alive: true, cancelRequested: false });
    expect((await requestSoakRunCancel(run.id, system)).ok).toBe(true);
    expect(await beatSoakRun(run.id)).toEqual({ alive: true, cancelRequested: true });
    expect(await finishSoakRun(run.id, { status: "cancelled", summary: null })).toBe(true);
    expect(await finishSoakRun(run.id, { status: "completed", summary: null })).toBe(false);
    const after = await getSoakRun(run.id);
    expect(after).toMatchObject({ status: "cancelled" });
    expect(after?.finishedAt).toBeInstanceOf(Date);
    expect(await requestSoakRunCancel(run.id, system)).toEqual({
      ok: false,
      reason: "finished",
      status: "cancelled",
    });
    expect(await requestSoakRunCancel("no-such-run", system)).toEqual({
      ok: false,
      reason: "not_found",
    });
  });
});

describe("soak DB sink", () => {
  it("writes a batch's samples and seconds, and a later batch's view of a second replaces the earlier one", async () => {
    const run = await createSoakRun(system, soakPlan(), "app");
    const sink = new DbSoakSink(run.id);
    const first = Array.from({ length: 1_203 }, (_, n) =>
      sample({ second: Math.floor(n / 600), sentAt: 1_764_000_000_000 + n * 0.25 }),
    );
    const retry = sample({ second: 1, attempt: 2, status: 0, errorKind: "timeout" });
    await sink.write({
      samples: first,
      seconds: [second({ second: 0, sent: 5 }), second({ second: 1, sent: 3 })],
    });
    await sink.write({
      samples: [retry],
      seconds: [second({ second: 1, sent: 7, status429: 2, p99Ms: null })],
    });
    expect(await countSoakSamples(run.id)).toBe(1_204);
    const chunks = await db.soakSampleChunk.findMany({
      where: { runId: run.id },
      orderBy: { id: "asc" },
      select: { count: true },
    });
    expect(chunks.map((chunk) => chunk.count)).toEqual([500, 500, 203, 1]);
    const read = [];
    for await (const page of soakSamplePages(run.id, 3)) read.push(...page);
    expect(read).toEqual([...first, retry]);
    const seconds = await soakSeconds(run.id);
    expect(
      seconds.map(({ second, sent, status429, p99Ms }) => ({ second, sent, status429, p99Ms })),
    ).toEqual([
      { second: 0, sent: 5, status429: 0, p99Ms: 30 },
      { second: 1, sent: 7, status429: 2, p99Ms: null },
    ]);
    expect(sink.samplesWritten).toBe(1_204);
  });

  it("writes a batch all or nothing: a bad row at the end rolls back the samples before it", async () => {
    const run = await createSoakRun(system, soakPlan(), "app");
    const sink = new DbSoakSink(run.id);
    const broken = { ...second({ second: 3 }), sent: null as unknown as number };
    await expect(
      sink.write({
        samples: Array.from({ length: 1_100 }, () => sample()),
        seconds: [second({ second: 2 }), broken],
      }),
    ).rejects.toThrow();
    expect(await countSoakSamples(run.id)).toBe(0);
    expect(await db.soakSecond.count({ where: { runId: run.id } })).toBe(0);
    expect(sink.samplesWritten).toBe(0);
  });
});
