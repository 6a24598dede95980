// The /api/v1/soak-runs handlers called as Next calls them, with a bearer token per role.
import { describe, expect, it } from "vitest";
import { GET as getSamplesCsv } from "@/app/api/v1/soak-runs/[id]/samples.csv/route";
import { GET as getSeries } from "@/app/api/v1/soak-runs/[id]/series/route";
import { POST as cancel } from "@/app/api/v1/soak-runs/[id]/cancel/route";
import { GET as getRun } from "@/app/api/v1/soak-runs/[id]/route";
import { GET as getSummary } from "@/app/api/v1/soak-runs/[id]/summary.json/route";
import { GET as listRuns, POST as createRun } from "@/app/api/v1/soak-runs/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { DbSoakSink } from "@/lib/load/db-sink";
import { SoakRecorder } from "@/lib/load/recorder";
import { createSoakRun, finishSoakRun, getSoakRun, markSoakRunStarted } from "@/lib/load/store";
import { waitFor } from "@/tests/unit/simulator/support";
import { second, soakPlan, system } from "@/tests/unit/load/soak-factories";

const tokens = new Map<Role, string>();
async function bearer(role: Role): Promise<string> {
  if (!tokens.has(role))
    tokens.set(role, (await createApiToken({ name: `soak-${role}`, role }, system)).token);
  return `Bearer ${tokens.get(role)}`;
}

async function call(
  role: Role,
  path: string,
  init: { method?: string; json?: unknown } = {},
): Promise<Request> {
  const headers: Record<string, string> = { authorization: await bearer(role) };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://pitstop.test${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

const validBody = (overrides: Record<string, unknown> = {}) => ({
  name: "api soak",
  environment: "sandbox",
  // Port 9 (discard) has no listener here: every request is refused at once, which is all this needs.
  targetUrl: "http://127.0.0.1:9/sandbox/v1/account",
  schedule: { kind: "constant", rate: 5 },
  durationS: 1,
  ...overrides,
});

describe("POST /api/v1/soak-runs", () => {
  it("refuses bad plans with 400 naming each field", async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ targetUrl: "https://vendor.example.com/v1/account" }, "targetUrl", /loopback/],
      [{ durationS: 1_801 }, "durationS", /1800/],
      [{ schedule: { kind: "constant", rate: 20_001 } }, "schedule.rate", /at most 20000/],
      [
        { schedule: { kind: "constant", rate: 20_000 }, durationS: 1_800 },
        "schedule",
        /at most 2,000,000/,
      ],
      [
        { schedule: { kind: "steps", startRate: 50, stepBy: 10, ceiling: 20, stepDurationS: 5 } },
        "schedule.ceiling",
        /at least startRate/,
      ],
      [{ environment: "staging" }, "environment", /sandbox or prod/],
    ];
    for (const [overrides, field, message] of cases) {
      const response = await createRun(
        await call("sre", "/api/v1/soak-runs", { method: "POST", json: validBody(overrides) }),
      );
      expect(response.status, field).toBe(400);
      const body = await response.json();
      expect(body.error).toBe("validation_failed");
      expect(body.fields[field], JSON.stringify(body)).toMatch(message);
    }
  });

  it("forbids roles that may not run soak tests", async () => {
    for (const role of ["support_lead", "manager"] as const) {
      const response = await createRun(
        await call(role, "/api/v1/soak-runs", { method: "POST", json: validBody() }),
      );
      expect(response.status, role).toBe(403);
    }
  });

  it("answers 202 with the pending run and runs it in the background to its end", async () => {
    const response = await createRun(
      await call("sre", "/api/v1/soak-runs", {
        method: "POST",
        json: validBody({ credentials: { apiKey: "key_sandbox_secret_1234" } }),
      }),
    );
    expect(response.status).toBe(202);
    const run = await response.json();
    expect(run).toMatchObject({
      status: "pending",
      origin: "app",
      plan: { credentialHints: { apiKey: "••••1234" } },
    });
    expect(response.headers.get("location")).toBe(`/api/v1/soak-runs/${run.id}`);
    expect(JSON.stringify(run)).not.toContain("key_sandbox_secret_1234");

    const ended = await waitFor(
      () => getSoakRun(run.id),
      (current) => current?.status === "completed",
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(ended?.summary).toMatchObject({ outcome: "completed", breakpoint: null });
    expect(ended?.summary?.totals.completed).toBeGreaterThan(0);
    expect(ended?.summary?.errorKinds.connection_refused).toBe(ended?.summary?.totals.errors);

    const read = await getRun(await call("manager", `/api/v1/soak-runs/${run.id}`), params(run.id));
    expect(await read.json()).toMatchObject({
      id: run.id,
      status: "completed",
      summary: { outcome: "completed" },
    });
    const list = await (await listRuns(await call("support_lead", "/api/v1/soak-runs"))).json();
    expect(list.items.map((item: { id: string }) => item.id)).toContain(run.id);
  });

  it("refuses a second run with 409 while one is going, naming it, and starts one again once it has ended", async () => {
    const first = await (
      await createRun(
        await call("sre", "/api/v1/soak-runs", {
          method: "POST",
          json: validBody({ name: "the long one", durationS: 3 }),
        }),
      )
    ).json();
    const refused = await createRun(
      await call("admin", "/api/v1/soak-runs", {
        method: "POST",
        json: validBody({ name: "the eager one" }),
      }),
    );
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body).toMatchObject({ error: "soak_run_in_progress", runningRunIds: [first.id] });
    expect(body.message).toContain('"the long one" is still running');
    expect(
      (await (await listRuns(await call("sre", "/api/v1/soak-runs"))).json()).items.map(
        (item: { name: string }) => item.name,
      ),
    ).not.toContain("the eager one");

    await waitFor(
      () => getSoakRun(first.id),
      (current) => current?.status === "completed",
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    const next = await createRun(
      await call("sre", "/api/v1/soak-runs", {
        method: "POST",
        json: validBody({ name: "the next one" }),
      }),
    );
    expect(next.status).toBe(202);
    const nextRun = await next.json();
    await waitFor(
      () => getSoakRun(nextRun.id),
      (current) => current?.status === "completed",
      { timeoutMs: 10_000, intervalMs: 100 },
    );
  });
});

describe("POST /api/v1/soak-runs/{id}/cancel", () => {
  it("answers 409 for a run that has ended, 404 for none, 403 for a manager", async () => {
    const run = await createSoakRun(system, soakPlan(), "cli");
    await markSoakRunStarted(run.id);
    await finishSoakRun(run.id, { status: "completed", summary: null });
    const finished = await cancel(
      await call("sre", `/api/v1/soak-runs/${run.id}/cancel`, { method: "POST" }),
      params(run.id),
    );
    expect(finished.status).toBe(409);
    expect((await finished.json()).message).toContain("completed");
    expect(
      (
        await cancel(
          await call("sre", "/api/v1/soak-runs/nope/cancel", { method: "POST" }),
          params("nope"),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await cancel(
          await call("manager", `/api/v1/soak-runs/${run.id}/cancel`, { method: "POST" }),
          params(run.id),
        )
      ).status,
    ).toBe(403);
  });

  it("records the request on a running run owned by another process", async () => {
    const run = await createSoakRun(system, soakPlan(), "cli");
    await markSoakRunStarted(run.id);
    const response = await cancel(
      await call("admin", `/api/v1/soak-runs/${run.id}/cancel`, { method: "POST" }),
      params(run.id),
    );
    expect(response.status).toBe(202);
    expect((await response.json()).cancelRequestedAt).toEqual(expect.any(String));
  });
});

describe("GET /api/v1/soak-runs/{id} verdict", () => {
  it("carries verdict and verdictReasons apart from the lifecycle status", async () => {
    const plan = soakPlan({ schedule: { kind: "constant", rate: 10 }, durationS: 2 });
    const run = await createSoakRun(system, plan, "app");
    const running = await (
      await getRun(await call("manager", `/api/v1/soak-runs/${run.id}`), params(run.id))
    ).json();
    expect(running).toMatchObject({ status: "pending", verdict: null, verdictReasons: [] });

    const recorder = new SoakRecorder(plan);
    for (let n = 0; n < 20; n++)
      recorder.record({
        sentAt: Date.now(),
        second: n % 2,
        step: 0,
        attempt: 1,
        status: 401,
        latencyMs: 3,
        correlationId: `c-${n}`,
        rateLimitRemaining: null,
        retryAfterS: null,
        rateLimitReset: null,
        errorKind: null,
      });
    const summary = recorder.summary("completed", {
      startedAt: new Date(),
      finishedAt: new Date(),
      requestBudget: 20,
    });
    await markSoakRunStarted(run.id, new Date());
    await finishSoakRun(run.id, { status: "completed", summary });
    const body = await (
      await getRun(await call("manager", `/api/v1/soak-runs/${run.id}`), params(run.id))
    ).json();
    expect(body.status).toBe("completed");
    expect(body.verdict).toBe("failed");
    expect(body.verdictReasons).toContain(
      "100 % answered 401: the requests were not authorised (check the API key and bearer token)",
    );
    expect(body.summary.statusCounts).toEqual({ "401": 20 });
  });
});

describe("GET /api/v1/soak-runs/{id}/series and downloads", () => {
  it("builds the chart series over elapsed seconds with a marker per step", async () => {
    const plan = soakPlan({
      schedule: { kind: "steps", startRate: 10, stepBy: 10, ceiling: 30, stepDurationS: 2 },
      durationS: 6,
    });
    const run = await createSoakRun(system, plan, "app");
    await markSoakRunStarted(run.id);
    await new DbSoakSink(run.id).write({
      samples: [],
      seconds: [
        second({ second: 0, p99Ms: 30, sent: 10, completed: 9 }),
        second({ second: 1, p99Ms: 45, status429: 3, sent: 10, completed: 10 }),
        second({
          second: 2,
          step: 1,
          p50Ms: null,
          p95Ms: null,
          p99Ms: null,
          sent: 20,
          completed: 0,
        }),
      ],
    });
    const response = await getSeries(
      await call("manager", `/api/v1/soak-runs/${run.id}/series`),
      params(run.id),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe("running");
    expect(body.progress).toEqual({ elapsedS: 3, durationS: 6, sent: 40, completed: 19 });
    expect(body.series.xAxis).toBe("elapsed");
    expect(body.series.p99).toEqual([
      { t: 0, v: 30 },
      { t: 1, v: 45 },
    ]);
    expect(body.series.count429).toEqual([
      { t: 0, v: 0 },
      { t: 1, v: 3 },
      { t: 2, v: 0 },
    ]);
    expect(body.series.markers).toEqual([
      { t: 0, label: "10 req/s", kind: "step" },
      { t: 2, label: "20 req/s", kind: "step" },
      { t: 4, label: "30 req/s", kind: "step" },
    ]);
  });

  it("marks the breakpoint once the run has one", async () => {
    const run = await createSoakRun(system, soakPlan(), "app");
    await markSoakRunStarted(run.id);
    const summary = {
      outcome: "completed",
      steps: [],
      breakpoint: { step: 2, rate: 30, safeRate: 20, reasoning: [] },
    } as never;
    await finishSoakRun(run.id, { status: "completed", summary });
    const body = await (
      await getSeries(await call("sre", `/api/v1/soak-runs/${run.id}/series`), params(run.id))
    ).json();
    expect(body.series.markers).toContainEqual({
      t: 4,
      label: "breakpoint: 30 req/s",
      kind: "breakpoint",
    });
  });

  it("serves the CSV and the summary as attachments, and 404 for an unknown run", async () => {
    const run = await createSoakRun(system, soakPlan(), "app");
    const csv = await getSamplesCsv(
      await call("manager", `/api/v1/soak-runs/${run.id}/samples.csv`),
      params(run.id),
    );
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toBe(
      `attachment; filename="soak-${run.id}-samples.csv"`,
    );
    expect(await csv.text()).toBe(
      "sent_at,step,attempt,status,latency_ms,correlation_id,rate_limit_remaining,retry_after_s,rate_limit_reset,error_kind\r\n",
    );
    const summary = await getSummary(
      await call("manager", `/api/v1/soak-runs/${run.id}/summary.json`),
      params(run.id),
    );
    expect(summary.headers.get("content-disposition")).toBe(
      `attachment; filename="soak-${run.id}-summary.json"`,
    );
    expect(await summary.json()).toMatchObject({
      run: { id: run.id },
      plan: { durationS: 6 },
      summary: null,
    });
    expect(
      (
        await getSamplesCsv(
          await call("manager", "/api/v1/soak-runs/nope/samples.csv"),
          params("nope"),
        )
      ).status,
    ).toBe(404);
  });
});
