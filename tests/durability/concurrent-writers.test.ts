// 64 API writers at once for 30 s: SQLite's single writer must make them wait (busy_timeout,
// BEGIN IMMEDIATE, WAL), never fail them with "database is locked" or a 5xx.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { incidentBody } from "@/tests/support/factories";
import {
  apiToken,
  assertBuilt,
  callApi,
  integrityCheck,
  killHard,
  startApp,
  type RunningApp,
} from "./support";

const WRITERS = 64;
const DURATION_MS = 30_000;

let app: RunningApp | null = null;
afterAll(async () => {
  if (app) await killHard(app);
});

describe("64 concurrent API writers", () => {
  it(`answer 201 for ${DURATION_MS / 1000} s without a 5xx or "database is locked", and every 201 is stored`, async () => {
    assertBuilt();
    const token = await apiToken();
    app = await startApp();
    const created: string[] = [];
    const failures: string[] = [];
    const latencies: number[] = [];
    const until = performance.now() + DURATION_MS;
    const writer = async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const answer = await callApi(
          token,
          "POST",
          "/api/v1/incidents",
          incidentBody({ correlationId: `writers-${crypto.randomUUID()}` }),
        );
        latencies.push(performance.now() - started);
        if (answer.status === 201) created.push((answer.body as { id: string }).id);
        else failures.push(`${answer.status}: ${JSON.stringify(answer).slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    await killHard(app);
    app = null;

    expect(failures).toEqual([]);
    expect(created.length).toBeGreaterThan(WRITERS);
    // Read back whole: an IN list of every id passes SQLite's parameter limit on a fast machine.
    const stored = new Set(
      (await db.incident.findMany({ select: { id: true } })).map(({ id }) => id),
    );
    expect(created.filter((id) => !stored.has(id))).toEqual([]);
    expect(integrityCheck()).toBe("ok");
    latencies.sort((a, b) => a - b);
    const p = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))]!);
    console.error(
      `${WRITERS} writers, ${DURATION_MS / 1000} s: ${created.length} created (${(created.length / (DURATION_MS / 1000)).toFixed(0)}/s), p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms`,
    );
  });
});
