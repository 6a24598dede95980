// The open-model soak runner over real HTTP: against the simulator with injected faults (a rate
// limit it must find, a stall it must not hide), and against small loopback servers that count
// what they receive, hang, reset or answer garbage.
import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type ServerResponse,
} from "node:http";
import { createServer as createNetServer, type Socket } from "node:net";
import autocannon from "autocannon";
import { afterEach, describe, expect, it } from "vitest";
import { MemorySink } from "@/lib/load/memory-sink";
import { soakPlanSchema, type SoakPlan, type SoakPlanInput } from "@/lib/load/plan";
import { runSoak } from "@/lib/load/runner";
import type { SoakErrorKind } from "@/lib/load/types";
import { API_VERSION, clientOf, startSimulatorForFile } from "../simulator/support";

const sim = startSimulatorForFile();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

function planFor(targetUrl: string, overrides: Partial<SoakPlanInput> = {}): SoakPlan {
  return soakPlanSchema.parse({
    name: "runner test",
    environment: "sandbox",
    targetUrl,
    schedule: { kind: "constant", rate: 10 },
    durationS: 1,
    connections: 10,
    ...overrides,
  });
}

async function loadlabPlan(overrides: Partial<SoakPlanInput>): Promise<SoakPlan> {
  const session = await sim.session("ava.active@example.com", { tenant: "loadlab" });
  return planFor(`${sim.baseUrl}/sandbox/v1/account`, {
    credentials: { apiKey: clientOf("loadlab").apiKey, bearerToken: session.token },
    connections: 50,
    ...overrides,
  });
}

type Received = { atMs: number; headers: IncomingHttpHeaders };

/** A loopback HTTP server that logs every request it receives and lets `answer` respond (or not). */
async function startHttpServer(answer: (response: ServerResponse, index: number) => void) {
  const received: Received[] = [];
  const server = createHttpServer((request, response) => {
    received.push({ atMs: performance.now(), headers: request.headers });
    request.resume();
    request.on("end", () => answer(response, received.length - 1));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/v1/account`, received };
}

const answerJson = (response: ServerResponse) =>
  response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');

/** A loopback TCP server that does whatever `onSocket` does with each connection. */
async function startRawServer(onSocket: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/account`;
}

describe("against the simulator", () => {
  it("finds the breakpoint of a stepped run within one step of an injected rate limit", async () => {
    await sim.injectFault({
      kind: "rate_limited",
      target: { tenant: "loadlab" },
      params: { limit: 35, windowS: 1 },
      durationS: 600,
    });
    const plan = await loadlabPlan({
      schedule: { kind: "steps", startRate: 20, stepBy: 10, ceiling: 50, stepDurationS: 2 },
      durationS: 8,
    });
    const sink = new MemorySink();
    const summary = await runSoak(plan, { sink });

    expect(summary.outcome).toBe("completed");
    expect(summary.steps.map((step) => step.rate)).toEqual([20, 30, 40, 50]);
    // The limit (35 req/s) sits in the step at 40 req/s: the first step that can exceed it.
    const breakpoint = summary.breakpoint!;
    expect(breakpoint.rate).not.toBeNull();
    expect(Math.abs(breakpoint.rate! - 40)).toBeLessThanOrEqual(10);
    expect(breakpoint.safeRate).toBe(breakpoint.rate! - 10);
    expect(breakpoint.reasoning.at(-2)).toMatch(/429 share bent upward.*breakpoint$/);
    expect(summary.steps[0]!.status429).toBe(0);
    const limited = sink.samples.find((sample) => sample.status === 429)!;
    expect(limited).toMatchObject({ rateLimitRemaining: 0, errorKind: null });
    expect(limited.retryAfterS).toBeGreaterThanOrEqual(1);
  });

  it("shows a 1-second stall in p99 where a closed-loop tool hides it", async () => {
    // A one-second window starting 1.5 s from now, in the middle of each 4-second measurement.
    const stall = async () => {
      const startsAt = new Date(Date.now() + 1_500).toISOString();
      const answer = await sim.admin("POST", "/admin/faults", {
        kind: "latency",
        environment: "sandbox",
        target: { tenant: "loadlab" },
        params: { stallMs: 1_000 },
        startsAt,
        durationS: 1,
      });
      expect(answer.status).toBe(201);
    };
    const plan = await loadlabPlan({ schedule: { kind: "constant", rate: 100 }, durationS: 4 });

    await stall();
    const sink = new MemorySink();
    const openModel = await runSoak(plan, { sink });
    expect(openModel.outcome).toBe("completed");
    expect(openModel.totals.completed).toBe(400);
    expect(openModel.totals.p99Ms).toBeGreaterThanOrEqual(900);
    // Everything that arrived during the stall waited for it, not just the requests that happened to be on a connection.
    expect(sink.samples.filter((sample) => sample.latencyMs >= 900).length).toBeGreaterThanOrEqual(
      50,
    );

    await stall();
    const closedLoop = await autocannon({
      url: plan.targetUrl,
      headers: {
        "x-api-key": plan.credentials.apiKey!,
        authorization: `Bearer ${plan.credentials.bearerToken}`,
        "x-api-version": API_VERSION,
      },
      connections: 2,
      duration: 4,
    });
    expect(closedLoop.latency.max).toBeGreaterThanOrEqual(900);
    expect(closedLoop.latency.p99).toBeLessThan(100);
  });
});

describe("bounds", () => {
  it("sends every request with the vendor's headers and hands the sink each sample and each closed second", async () => {
    const server = await startHttpServer(answerJson);
    const plan = planFor(server.url, {
      schedule: { kind: "constant", rate: 50 },
      durationS: 2,
      credentials: { apiKey: "key_sandbox_loadlab", bearerToken: "token-1" },
    });
    const sink = new MemorySink();
    const progress: number[] = [];
    const summary = await runSoak(plan, {
      sink,
      onProgress: (update) => progress.push(update.sent),
    });

    expect(summary).toMatchObject({
      outcome: "completed",
      requestsSent: 100,
      requestBudget: 100,
      achievedRate: 50,
    });
    expect(server.received).toHaveLength(100);
    expect(server.received[0]!.headers).toMatchObject({
      "x-api-key": "key_sandbox_loadlab",
      authorization: "Bearer token-1",
      "x-api-version": "2025-09-01",
    });
    const sentIds = server.received.map((request) => request.headers["x-correlationid"]);
    expect(new Set(sentIds).size).toBe(100);
    expect(sink.samples.map((sample) => sample.correlationId).sort()).toEqual([...sentIds].sort());
    expect(sink.seconds.map((second) => [second.second, second.sent, second.ok])).toEqual([
      [0, 50, 50],
      [1, 50, 50],
    ]);
    expect(sink.batches).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toBe(100);
  });

  it("stops sending at the request budget", async () => {
    const server = await startHttpServer(answerJson);
    const summary = await runSoak(
      planFor(server.url, {
        schedule: { kind: "constant", rate: 100 },
        durationS: 2,
        requestBudget: 50,
      }),
      { sink: new MemorySink() },
    );
    expect(server.received).toHaveLength(50);
    expect(summary).toMatchObject({ outcome: "completed", requestsSent: 50, requestBudget: 50 });
    expect(summary.reason).toMatch(/request budget of 50 was spent/);
    expect(summary.elapsedMs).toBeLessThan(1_500);
  });

  it("counts retries against the budget and never lets them push out an arrival", async () => {
    const server = await startHttpServer((response) =>
      response.writeHead(503, { "content-type": "application/json" }).end('{"code":"UNAVAILABLE"}'),
    );
    const sink = new MemorySink();
    const summary = await runSoak(
      planFor(server.url, {
        schedule: { kind: "constant", rate: 20 },
        durationS: 2,
        requestBudget: 60,
        retry: { maxAttempts: 3, baseMs: 1, capMs: 5 },
      }),
      { sink },
    );
    expect(server.received.length).toBeLessThanOrEqual(60);
    expect(summary.requestsSent).toBe(server.received.length);
    expect(sink.samples.filter((sample) => sample.attempt === 1)).toHaveLength(40);
    expect(sink.samples.filter((sample) => sample.attempt > 1).length).toBeGreaterThan(10);
    expect(summary.totals.status5xx).toBe(sink.samples.length);
  });

  it("never outlives its duration plus the drain grace, recording what is still out as timeouts", async () => {
    const server = await startHttpServer(() => undefined);
    const sink = new MemorySink();
    const started = performance.now();
    const summary = await runSoak(
      planFor(server.url, {
        schedule: { kind: "constant", rate: 20 },
        durationS: 1,
        timeoutMs: 8_000,
      }),
      { sink },
    );
    const elapsedMs = performance.now() - started;
    // Grace: min(timeoutMs, 5 s) after the 1-second schedule.
    expect(elapsedMs).toBeLessThanOrEqual(1_000 + 5_000 + 300);
    expect(elapsedMs).toBeGreaterThanOrEqual(1_000 + 5_000 - 50);
    // Ten connections, all held: the other ten arrivals waited in the runner's queue, and count as timeouts too.
    expect(server.received).toHaveLength(10);
    expect(summary.errorKinds).toEqual({ timeout: 20 });
    expect(sink.samples.every((sample) => sample.status === 0 && sample.latencyMs >= 5_000)).toBe(
      true,
    );
  });
});

describe("cancellation", () => {
  it("stops at once when cancelled, aborting what is in flight and flushing what was recorded", async () => {
    // Every fifth request hangs, so there is always something in flight to abort.
    const server = await startHttpServer((response, index) => {
      if (index % 5 !== 4) answerJson(response);
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1_000);
    const sink = new MemorySink();
    const summary = await runSoak(
      planFor(server.url, {
        schedule: { kind: "constant", rate: 50 },
        durationS: 10,
        timeoutMs: 30_000,
      }),
      { sink, signal: controller.signal },
    );

    expect(summary.outcome).toBe("cancelled");
    expect(summary.elapsedMs).toBeLessThan(1_500);
    expect(summary.totals.completed).toBeGreaterThanOrEqual(35);
    expect(sink.samples).toHaveLength(summary.totals.completed);
    expect(sink.seconds.reduce((sum, second) => sum + second.completed, 0)).toBe(
      summary.totals.completed,
    );
    expect(summary.errorKinds).toEqual({});
  });

  it("sends nothing when cancelled before it starts", async () => {
    const server = await startHttpServer(answerJson);
    const summary = await runSoak(planFor(server.url), {
      sink: new MemorySink(),
      signal: AbortSignal.abort(),
    });
    expect(summary).toMatchObject({ outcome: "cancelled", requestsSent: 0 });
    expect(server.received).toHaveLength(0);
  });

  it("fails, with the reason, when the sink cannot store a batch", async () => {
    const server = await startHttpServer(answerJson);
    const summary = await runSoak(
      planFor(server.url, { schedule: { kind: "constant", rate: 50 }, durationS: 5 }),
      {
        sink: {
          write: async () => {
            throw new Error("database is locked");
          },
        },
      },
    );
    expect(summary.outcome).toBe("failed");
    expect(summary.reason).toBe("the sink could not store a batch: database is locked");
    expect(summary.elapsedMs).toBeLessThan(1_500);
  });

  it("stops, with the reason, when the sink falls too far behind, and still stores what was queued", async () => {
    const server = await startHttpServer(answerJson);
    const stored = new MemorySink();
    const slowSink = {
      write: async (batch: Parameters<MemorySink["write"]>[0]) =>
        new Promise<void>((resolve) => setTimeout(() => resolve(stored.write(batch)), 1_000)),
    };
    const summary = await runSoak(
      planFor(server.url, { schedule: { kind: "constant", rate: 200 }, durationS: 10 }),
      { sink: slowSink, sinkBacklogLimit: 150 },
    );
    expect(summary.outcome).toBe("failed");
    expect(summary.reason).toMatch(
      /^the sink fell \d+ samples behind \(the limit is 150\): the run stopped so its memory stays bounded$/,
    );
    expect(summary.elapsedMs).toBeLessThan(3_000);
    expect(stored.samples).toHaveLength(summary.totals.completed);
  });
});

describe("a misbehaving vendor is recorded, never thrown", () => {
  const misbehaviours: {
    name: string;
    kind: SoakErrorKind;
    status: number;
    start: () => Promise<string>;
  }[] = [
    {
      name: "accepts and never answers",
      kind: "timeout",
      status: 0,
      start: () => startRawServer(() => undefined),
    },
    {
      name: "resets the connection",
      kind: "connection_reset",
      status: 0,
      start: () => startRawServer((socket) => socket.once("data", () => socket.resetAndDestroy())),
    },
    {
      name: "closes the connection without answering",
      kind: "connection_reset",
      status: 0,
      start: () => startRawServer((socket) => socket.once("data", () => socket.end())),
    },
    {
      name: "answers something that is not HTTP",
      kind: "garbage",
      status: 0,
      start: () =>
        startRawServer((socket) =>
          socket.once("data", () => socket.write("SSH-2.0-OpenSSH_9.6\r\n\r\n")),
        ),
    },
    {
      name: "answers JSON that does not parse",
      kind: "garbage",
      status: 200,
      start: () =>
        startRawServer((socket) =>
          socket.on("data", () =>
            socket.write(
              "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 9\r\n\r\n{not json",
            ),
          ),
        ),
    },
    {
      name: "refuses connections",
      kind: "connection_refused",
      status: 0,
      start: async () => {
        const url = await startRawServer(() => undefined);
        await closers.pop()!();
        return url;
      },
    },
  ];

  it.each(misbehaviours)("$name: $kind", async ({ kind, status, start }) => {
    const url = await start();
    const sink = new MemorySink();
    const summary = await runSoak(
      planFor(url, { schedule: { kind: "constant", rate: 5 }, durationS: 1, timeoutMs: 300 }),
      { sink },
    );
    expect(summary.outcome).toBe("completed");
    expect(summary.errorKinds).toEqual({ [kind]: 5 });
    expect(sink.samples.map((sample) => [sample.errorKind, sample.status])).toEqual(
      Array(5).fill([kind, status]),
    );
    expect(summary.elapsedMs).toBeLessThan(1_000 + 300 + 200);
  });
});

describe("retries", () => {
  it("waits as long as Retry-After asks before trying again", async () => {
    const server = await startHttpServer((response, index) => {
      if (index === 0)
        response
          .writeHead(429, { "retry-after": "1", "content-type": "application/json" })
          .end('{"code":"RATE_LIMITED"}');
      else answerJson(response);
    });
    const sink = new MemorySink();
    const summary = await runSoak(
      planFor(server.url, {
        schedule: { kind: "constant", rate: 1 },
        durationS: 3,
        requestBudget: 10,
        retry: { maxAttempts: 2, baseMs: 200, capMs: 30_000 },
      }),
      { sink },
    );

    expect(summary.totals).toMatchObject({ sent: 3, completed: 4, status429: 1, ok: 3 });
    const first = sink.samples.find((sample) => sample.status === 429)!;
    const retry = sink.samples.find((sample) => sample.attempt === 2)!;
    expect(first.retryAfterS).toBe(1);
    expect(retry).toMatchObject({ correlationId: first.correlationId, status: 200 });
    expect(retry.sentAt - first.sentAt).toBeGreaterThanOrEqual(1_000);
    const seen = server.received.filter(
      (request) => request.headers["x-correlationid"] === first.correlationId,
    );
    expect(seen).toHaveLength(2);
    expect(seen[1]!.atMs - seen[0]!.atMs).toBeGreaterThanOrEqual(1_000);
  });
});
