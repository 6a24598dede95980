// Small builders for soak fixtures: a valid plan, a sample, a second, and a run in the test
// database in a chosen state.
import { db } from "@/lib/db/client";
import { soakPlanSchema, type SoakPlan } from "@/lib/load/plan";
import { createSoakRun, type SoakRunRecord } from "@/lib/load/store";
import type { SecondStats, SoakSampleRecord } from "@/lib/load/types";
import { unique } from "@/tests/support/factories";

export const system = { kind: "system", label: "soak test" } as const;

export function soakPlan(overrides: Record<string, unknown> = {}): SoakPlan {
  return soakPlanSchema.parse({
    name: unique("soak"),
    environment: "sandbox",
    targetUrl: "http://127.0.0.1:9/sandbox/v1/account",
    credentials: {
      apiKey: "key_sandbox_loadlab_secret",
      bearerToken: "eyJhbGciOi.payload.signature-wxyz",
      apiVersion: "2025-09-01",
    },
    schedule: { kind: "steps", startRate: 10, stepBy: 10, ceiling: 30, stepDurationS: 2 },
    durationS: 6,
    ...overrides,
  });
}

export function sample(overrides: Partial<SoakSampleRecord> = {}): SoakSampleRecord {
  return {
    sentAt: Date.parse("2026-11-24T10:00:00.000Z"),
    second: 0,
    step: 0,
    attempt: 1,
    status: 200,
    latencyMs: 12.5,
    correlationId: unique("corr"),
    rateLimitRemaining: 99,
    retryAfterS: null,
    rateLimitReset: 1,
    errorKind: null,
    ...overrides,
  };
}

export function second(overrides: Partial<SecondStats> = {}): SecondStats {
  return {
    second: 0,
    step: 0,
    targetRate: 10,
    sent: 10,
    completed: 10,
    ok: 10,
    status429: 0,
    status5xx: 0,
    errors: 0,
    p50Ms: 10,
    p95Ms: 20,
    p99Ms: 30,
    maxMs: 40,
    ...overrides,
  };
}

/** A run as a runner left it: running since `startedAgoMs`, last heartbeat `beatAgoMs` ago. */
export async function runningRun(
  plan: SoakPlan,
  { startedAgoMs, beatAgoMs }: { startedAgoMs: number; beatAgoMs: number | null },
): Promise<SoakRunRecord> {
  const run = await createSoakRun(system, plan, "cli");
  const now = Date.now();
  await db.soakRun.update({
    where: { id: run.id },
    data: {
      status: "running",
      createdAt: new Date(now - startedAgoMs - 100),
      startedAt: new Date(now - startedAgoMs),
      heartbeatAt: beatAgoMs === null ? null : new Date(now - beatAgoMs),
    },
  });
  return run;
}
