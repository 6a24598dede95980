import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createInterface } from "node:readline";
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { VendorGateway } from "@/lib/diagnosis/vendor-gateway";
import { DEFAULT_PROBE_THRESHOLDS, type ProbeConfig } from "@/lib/probes/config";
import { isCredentialProblem, ProbeCredentialCache } from "@/lib/probes/probe";
import { ProbeScheduler, runningProbeScheduler, startProbeScheduler } from "@/lib/probes/scheduler";
import { probeStatuses } from "@/lib/probes/store";
import { ADMIN_KEY, sleep, startSimulatorForFile, waitFor } from "../simulator/support";

const simulator = startSimulatorForFile();

const config = (overrides: Partial<ProbeConfig> = {}): ProbeConfig => ({
  enabled: true,
  intervalS: 30,
  environments: ["sandbox"],
  endpoints: { sandbox: ["status", "jwks", "v1.account", "v1.vehicles"], prod: ["status"] },
  tenant: "fleetco",
  account: "ava.active@example.com",
  thresholds: DEFAULT_PROBE_THRESHOLDS,
  ...overrides,
});

const RETENTION = { rawHours: 24, minuteDays: 30 };

function schedulerFor(
  baseUrl: string,
  probeConfig: ProbeConfig,
  timing = { intervalMs: 60_000, timeoutMs: 2_000 },
  instanceId?: string,
) {
  return new ProbeScheduler({
    vendor: { baseUrl, adminKey: ADMIN_KEY },
    loadConfig: async () => probeConfig,
    retention: RETENTION,
    timing,
    instanceId,
  });
}

const samples = () => db.probeSample.findMany({ orderBy: { id: "asc" } });
const byEndpoint = async () =>
  Object.fromEntries((await samples()).map((row) => [`${row.environment}/${row.endpoint}`, row]));

const listen = <T extends Server | HttpServer>(server: T) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
    }),
  );

beforeEach(async () => {
  await db.probeSample.deleteMany();
  await db.probeMinute.deleteMany();
  await db.lease.deleteMany();
  await db.scheduledRun.deleteMany();
});

describe("a probe cycle against the simulator", () => {
  it("stores status, latency, the vendor's correlation id and its rate-limit headers for each endpoint", async () => {
    await schedulerFor(simulator.baseUrl, config({ environments: ["sandbox", "prod"] })).runCycle();
    const rows = await byEndpoint();
    expect(Object.keys(rows).sort()).toEqual([
      "prod/status",
      "sandbox/jwks",
      "sandbox/status",
      "sandbox/v1.account",
      "sandbox/v1.vehicles",
    ]);
    for (const row of Object.values(rows))
      expect(row).toMatchObject({ status: 200, errorKind: null });
    const account = rows["sandbox/v1.account"]!;
    expect(account.latencyMs).toBeGreaterThan(0);
    expect(account.rateLimitLimit).toBe(20);
    expect(account.rateLimitRemaining).toBeLessThan(20);
    expect(account.rateLimitReset).not.toBeNull();
    const logged = await simulator.loggedRequests(account.correlationId);
    expect(logged.map((entry: { path: string }) => entry.path)).toEqual(["/sandbox/v1/account"]);
  });

  it("records 429s with Retry-After and no quota left when the tenant is rate limited", async () => {
    await simulator.injectFault({
      kind: "rate_limited",
      target: { tenant: "fleetco" },
      params: { limit: 1, windowS: 60 },
    });
    const scheduler = schedulerFor(
      simulator.baseUrl,
      config({ endpoints: { sandbox: ["v1.account"], prod: [] } }),
    );
    await scheduler.runCycle();
    await scheduler.runCycle();
    const [first, second] = await samples();
    expect(first).toMatchObject({ status: 200, rateLimitLimit: 1, rateLimitRemaining: 0 });
    expect(second).toMatchObject({ status: 429, rateLimitRemaining: 0, errorKind: null });
    expect(second!.retryAfterS).toBeGreaterThan(0);
  });

  it("mints a new token after the vendor rejects the cached one", async () => {
    const scheduler = schedulerFor(
      simulator.baseUrl,
      config({ endpoints: { sandbox: ["v1.account"], prod: [] } }),
    );
    await scheduler.runCycle();
    const rotated = await simulator.admin("POST", "/admin/keys/rotate", {
      environment: "sandbox",
      retirePrevious: true,
    });
    expect(rotated.status).toBe(200);
    await scheduler.runCycle();
    await scheduler.runCycle();
    expect((await samples()).map((row) => row.status)).toEqual([200, 401, 200]);
  });

  it("records an account endpoint it could not get credentials for, without calling it", async () => {
    await schedulerFor(
      simulator.baseUrl,
      config({ account: "nobody@example.com", endpoints: { sandbox: ["v1.account"], prod: [] } }),
    ).runCycle();
    expect(await samples()).toMatchObject([
      { endpoint: "v1.account", status: 0, errorKind: "credentials" },
    ]);
  });

  it("probes nothing while disabled", async () => {
    const scheduler = schedulerFor(simulator.baseUrl, config({ enabled: false }));
    await scheduler.runCycle();
    expect(await db.probeSample.count()).toBe(0);
    expect(scheduler.state()).toMatchObject({ enabled: false, cycles: 0 });
  });
});

describe("a vendor that misbehaves", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  it("hangs: overlapping cycles are skipped, probes never pile up, and each records a timeout", async () => {
    // A request is in flight from its arrival until the probe's 400 ms timeout gives it up. Count
    // arrivals close together rather than open sockets: when an aborted socket's close reaches
    // this server (same process, a busy event loop) says nothing of whether the probes piled
    // up. The window is shorter than the timeout to allow for arrivals seen late under load;
    // cycles that overlapped would still land 150 ms apart, well inside it.
    const open = new Set<Socket>();
    const arrivals: number[] = [];
    const hanging = createServer((socket) => {
      open.add(socket);
      socket.once("data", () => arrivals.push(performance.now()));
      const gone = () => open.delete(socket);
      socket.on("close", gone);
      socket.on("error", gone);
    });
    const baseUrl = await listen(hanging);
    closers.push(async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => hanging.close(resolve));
    });
    // Each cycle makes four requests: status, jwks, and the tenant lookup and token mint for v1.account.
    const scheduler = schedulerFor(
      baseUrl,
      config({ endpoints: { sandbox: ["status", "jwks", "v1.account"], prod: [] } }),
      { intervalMs: 150, timeoutMs: 400 },
    );
    scheduler.start();
    await sleep(1_100);
    await scheduler.stop();

    const state = scheduler.state();
    expect(state.cycles).toBeGreaterThanOrEqual(2);
    expect(state.skippedCycles).toBeGreaterThanOrEqual(2);
    expect(state.cycleRunning).toBe(false);
    const mostInFlight = Math.max(
      ...arrivals.map((at) => arrivals.filter((other) => other <= at && other > at - 300).length),
    );
    expect(mostInFlight).toBeLessThanOrEqual(4);
    expect(arrivals).toHaveLength(state.cycles * 4);
    const rows = await samples();
    expect(rows).toHaveLength(state.cycles * 3);
    for (const row of rows.filter((sample) => sample.endpoint !== "v1.account")) {
      expect(row).toMatchObject({ status: 0, errorKind: "timeout" });
      expect(row.latencyMs).toBeGreaterThanOrEqual(380);
    }
    expect(
      rows
        .filter((sample) => sample.endpoint === "v1.account")
        .every((sample) => sample.errorKind === "credentials"),
    ).toBe(true);
  });

  it("refuses connections or answers garbage: each is recorded as such", async () => {
    const garbage = createHttpServer((_request, response) =>
      response.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>"),
    );
    const garbageUrl = await listen(garbage);
    closers.push(() => new Promise((resolve) => garbage.close(() => resolve())));
    const closed = createServer();
    const closedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));

    await schedulerFor(
      garbageUrl,
      config({ endpoints: { sandbox: ["status"], prod: [] } }),
    ).runCycle();
    await schedulerFor(
      closedUrl,
      config({ endpoints: { sandbox: ["jwks"], prod: [] } }),
    ).runCycle();
    expect(await samples()).toMatchObject([
      { endpoint: "status", status: 200, errorKind: "garbage" },
      { endpoint: "jwks", status: 0, errorKind: "connection_refused" },
    ]);
  });
});

describe("credentials", () => {
  it("mints one token for concurrent asks and keeps it until shortly before it expires", async () => {
    let gateways = 0;
    let now = Date.now();
    const cache = new ProbeCredentialCache(
      (timeoutMs) => {
        gateways++;
        return new VendorGateway({ baseUrl: simulator.baseUrl, adminKey: ADMIN_KEY, timeoutMs });
      },
      () => now,
    );
    const [a, b] = await Promise.all([
      cache.get("sandbox", "fleetco", "ava.active@example.com", 2_000),
      cache.get("sandbox", "fleetco", "ava.active@example.com", 2_000),
    ]);
    expect(isCredentialProblem(a)).toBe(false);
    expect(b).toBe(a);
    now += 3_000_000;
    expect(await cache.get("sandbox", "fleetco", "ava.active@example.com", 2_000)).toBe(a);
    expect(gateways).toBe(1);
    now += 600_000;
    const renewed = await cache.get("sandbox", "fleetco", "ava.active@example.com", 2_000);
    expect(gateways).toBe(2);
    expect(renewed).toMatchObject({ apiKey: "key_sandbox_fleetco" });
  });
});

describe("one scheduler per process", () => {
  it("starts once however often it is asked", async () => {
    let created = 0;
    const create = () => {
      created++;
      return schedulerFor(simulator.baseUrl, config({ enabled: false }));
    };
    const first = startProbeScheduler(create);
    const second = startProbeScheduler(create);
    await first.stop();
    expect(second).toBe(first);
    expect(runningProbeScheduler()).toBe(first);
    expect(created).toBe(1);
  });
});

describe("several app instances on one database", () => {
  const statusOnly = config({ endpoints: { sandbox: ["status"], prod: [] } });
  const instance = (name: string, intervalMs: number) =>
    schedulerFor(simulator.baseUrl, statusOnly, { intervalMs, timeoutMs: 500 }, name);
  const leaseOf = (scheduler: ProbeScheduler) => async () => scheduler.state().holdsLease;
  const probeRuns = () =>
    db.scheduledRun.findMany({ where: { job: "probes" }, orderBy: { slot: "asc" } });

  it("one instance probes each interval; when it dies another takes over within two intervals", async () => {
    const intervalMs = 2_000;
    const other = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/unit/probes/other-instance.ts"],
      {
        env: {
          ...process.env,
          PROBE_VENDOR_URL: simulator.baseUrl,
          PROBE_INTERVAL_MS: String(intervalMs),
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const here = instance("this instance", intervalMs);
    try {
      await once(createInterface({ input: other.stdout! }), "line");
      here.start();
      await sleep(2.5 * intervalMs);
      expect(here.state()).toMatchObject({ holdsLease: false, cycles: 0 });
      const whileOtherLived = await probeRuns();
      expect(whileOtherLived.length).toBeGreaterThanOrEqual(2);
      expect(new Set(whileOtherLived.map((run) => run.holder))).toEqual(
        new Set(["other instance"]),
      );

      other.kill("SIGKILL");
      const killedAt = Date.now();
      const takeover = await waitFor(
        probeRuns,
        (runs) => runs.some((run) => run.holder === "this instance"),
        { timeoutMs: 4 * intervalMs, intervalMs: 50 },
      );
      const first = takeover.find((run) => run.holder === "this instance")!;
      expect(first.startedAt.getTime() - killedAt).toBeLessThan(2 * intervalMs);
      expect(here.state().holdsLease).toBe(true);
      // One row per interval (the primary key) and one status probe per row: no interval ran
      // on both instances. The killed instance's last interval may have been cut short.
      await here.stop();
      const runs = await probeRuns();
      const slots = runs.map((run) => run.slot.getTime());
      expect(slots.every((slot, index) => index === 0 || slot > slots[index - 1]!)).toBe(true);
      const finished = runs.filter((run) => run.finishedAt !== null).length;
      const probes = await db.probeSample.count();
      expect(probes).toBeGreaterThanOrEqual(finished);
      expect(probes).toBeLessThanOrEqual(runs.length);
    } finally {
      other.kill("SIGKILL");
      await here.stop();
    }
  });

  it("an instance that finds its interval already run (it was paused past its lease) does not run it again", async () => {
    const intervalMs = 60_000;
    const slot = new Date(Date.now() - (Date.now() % intervalMs));
    await db.scheduledRun.create({
      data: { job: "probes", slot, holder: "an instance that took over", startedAt: new Date() },
    });
    const paused = instance("paused", intervalMs);
    paused.start();
    await waitFor(leaseOf(paused), (holds) => holds !== null);
    await paused.stop();
    expect(paused.state().cycles).toBe(0);
    expect(await db.probeSample.count()).toBe(0);
  });

  it("the holder gives the lease up when it stops, so another starts probing at its next beat", async () => {
    const intervalMs = 1_000;
    const first = instance("first", intervalMs);
    first.start();
    await waitFor(
      async () => first.state().cycles,
      (cycles) => cycles === 1,
    );
    const second = instance("second", intervalMs);
    second.start();
    try {
      await sleep(intervalMs / 2 + 100);
      expect(second.state().holdsLease).toBe(false);
      await first.stop();
      await waitFor(leaseOf(second), (holds) => holds === true, {
        timeoutMs: intervalMs,
      });
    } finally {
      await second.stop();
    }
  });
});

describe("endpoint states from the probes", () => {
  beforeEach(async () => {
    await db.probeStateChange.deleteMany();
  });

  it("a fast-failing outage is a failure: the endpoints go down and the change is recorded", async () => {
    const scheduler = schedulerFor(simulator.baseUrl, config());
    await scheduler.runCycle();
    const outage = await simulator.injectFault({
      kind: "server_outage",
      environment: "sandbox",
      params: { mode: "unavailable" },
    });
    try {
      await scheduler.runCycle();
      await scheduler.runCycle();
    } finally {
      await simulator.clearFault(outage);
    }
    expect(scheduler.state().lastCycle?.failed).toBeGreaterThan(0);
    const status = await probeStatuses();
    const account = status.find(
      (row) => row.environment === "sandbox" && row.endpoint === "v1.account",
    );
    expect(account).toMatchObject({ state: "down", lastStatus: 503 });
    expect(account?.failureShare).toBeCloseTo(2 / 3);
    const changes = await db.probeStateChange.findMany({
      where: { environment: "sandbox", endpoint: "v1.account" },
      orderBy: { at: "asc" },
    });
    // One failure in a window of two is half the window: degraded before down.
    expect(changes.map((change) => change.state)).toEqual(["up", "degraded", "down"]);
    expect(changes[2]).toMatchObject({ previous: "degraded", lastStatus: 503 });
    expect(account?.since?.getTime()).toBe(changes[2]!.at.getTime());

    await scheduler.runCycle();
    await scheduler.runCycle();
    const recovered = await db.probeStateChange.findFirst({
      where: { environment: "sandbox", endpoint: "v1.account" },
      orderBy: { at: "desc" },
    });
    expect(recovered?.state).not.toBe("down");
  });
});
