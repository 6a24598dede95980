// The lean path answers authenticated GETs of fixed vendor paths without fastify's per-request
// machinery; it must answer exactly as fastify's route does. Each case asks the lean path (the
// plain URL) and fastify (the same URL with a query string, which only fastify serves)
// and compares status, body, headers and the request log entry.
import { afterEach, describe, expect, it, vi } from "vitest";
import { LeanPath } from "@/lib/simulator/lean-path";
import {
  clientOf,
  type EnvironmentName,
  startSimulatorForFile,
  type Body,
  type RequestOptions,
  type VendorAnswer,
} from "./support";

const sim = startSimulatorForFile();
const AVA = "ava.active@example.com";

afterEach(() => vi.restoreAllMocks());

// Differ by nature between two requests: when, which request, and the rate counters consumed.
const PER_REQUEST = new Set([
  "date",
  "x-correlationid",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
]);

function comparable(answer: VendorAnswer) {
  const headers = Object.fromEntries(
    [...answer.headers].filter(([name]) => !PER_REQUEST.has(name)),
  );
  const body: Body =
    typeof answer.body === "object" && answer.body
      ? { ...answer.body, correlationId: answer.body.correlationId && "(per request)" }
      : answer.body;
  return { status: answer.status, headers, body };
}

async function loggedEntry(correlationId: string, env: EnvironmentName): Promise<Body> {
  const [entry] = await sim.loggedRequests(correlationId, env);
  const { at, latencyMs, correlationId: id, requestHeaders, responseHeaders, ...rest } = entry;
  expect([typeof at, typeof latencyMs, id]).toEqual(["string", "number", correlationId]);
  const stable = (headers: Record<string, string>) =>
    Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_REQUEST.has(name)));
  return {
    ...rest,
    requestHeaders: stable(requestHeaders),
    responseHeaders: stable(responseHeaders),
  };
}

/** The same request through the lean path and through fastify; fails unless the lean path took it. */
async function bothWays(path: string, options: RequestOptions = {}) {
  const answered = vi.spyOn(LeanPath.prototype, "answer");
  const lean = await sim.request(path, {
    ...options,
    headers: { "x-correlationid": "corr-lean", ...options.headers },
  });
  expect(answered.mock.results.map((result) => result.value)).toEqual([true]);
  const viaFastify = await sim.request(`${path}?via=fastify`, {
    ...options,
    headers: { "x-correlationid": "corr-fast", ...options.headers },
  });
  expect(answered.mock.results.map((result) => result.value)).toEqual([true, false]);
  answered.mockRestore();
  return { lean, viaFastify };
}

async function expectSameAnswers(path: string, options: RequestOptions = {}) {
  const { lean, viaFastify } = await bothWays(path, options);
  expect(comparable(lean)).toEqual(comparable(viaFastify));
  const env = path.split("/")[1] as EnvironmentName;
  const leanEntry = await loggedEntry("corr-lean", env);
  const fastifyEntry = await loggedEntry("corr-fast", env);
  expect({ ...leanEntry, path: "(compared below)" }).toEqual({
    ...fastifyEntry,
    path: "(compared below)",
  });
  expect([leanEntry.path, fastifyEntry.path]).toEqual([path, path]);
  return lean;
}

async function headersFor(scope?: string, tenant: "fleetco" | "loadlab" = "fleetco") {
  const session = await sim.session(AVA, { scope, tenant });
  return session.headers();
}

describe("the lean path answers as fastify's route does", () => {
  it("for a good read: status, body, content type and length, rate-limit headers, log entry", async () => {
    const answer = await expectSameAnswers("/sandbox/v1/account", { headers: await headersFor() });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-correlationid")).toBe("corr-lean");
    expect(answer.headers.get("x-ratelimit-limit")).not.toBeNull();
  });

  it("for the other fixed reads, in both environments", async () => {
    const prod = await sim.session(AVA, { env: "prod" });
    for (const path of ["/v1/subscriptions", "/v1/vehicles"])
      expect(
        (await expectSameAnswers(`/sandbox${path}`, { headers: await headersFor() })).status,
      ).toBe(200);
    expect((await expectSameAnswers("/prod/v1/account", { headers: prod.headers() })).status).toBe(
      200,
    );
  });

  it("for a deprecated API version (Deprecation and Sunset headers)", async () => {
    const headers = { ...(await headersFor()), "x-api-version": "2024-06-01" };
    const answer = await expectSameAnswers("/sandbox/v1/account", { headers });
    expect(answer.headers.get("deprecation")).toBe("true");
  });

  it.each([
    ["no API version", { "x-api-version": "" }, 400],
    ["a sunset API version", { "x-api-version": "2023-01-01" }, 410],
    ["an unsupported API version", { "x-api-version": "2030-01-01" }, 400],
    ["a malformed app version", { "x-app-version": "three" }, 400],
    ["no API key", { "x-api-key": "" }, 401],
    ["an unknown API key", { "x-api-key": "key_nobody" }, 401],
    ["no token", { authorization: "" }, 401],
    ["a token that is not a JWT", { authorization: "Bearer not-a-token" }, 401],
    ["another client's API key", { "x-api-key": clientOf("drivewise").apiKey }, 403],
  ])("for %s", async (_case, overrides, status) => {
    const headers: Record<string, string> = { ...(await headersFor()), ...overrides };
    for (const [name, value] of Object.entries(overrides)) if (value === "") delete headers[name];
    const answer = await expectSameAnswers("/sandbox/v1/account", { headers });
    expect(answer.status).toBe(status);
  });

  it("for a token without the route's scope", async () => {
    const answer = await expectSameAnswers("/sandbox/v1/account", {
      headers: await headersFor("openid vehicle:read"),
    });
    expect(answer.status).toBe(403);
  });

  it("for an app version below the minimum and for a revoked token", async () => {
    await sim.injectFault({ kind: "app_version", params: { minAppVersion: "4.0.0" } });
    const old = { ...(await headersFor()), "x-app-version": "3.4.0" };
    expect((await expectSameAnswers("/sandbox/v1/account", { headers: old })).status).toBe(426);
    await sim.injectFault({ kind: "account_auth", params: { mode: "token_expired" } });
    const expired = await expectSameAnswers("/sandbox/v1/account", {
      headers: await headersFor(),
    });
    expect(expired.status).toBe(401);
  });

  it("for a rate limit that has run out (429 with its headers)", async () => {
    await sim.injectFault({ kind: "rate_limited", params: { limit: 1, windowS: 60 } });
    const headers = await headersFor();
    await sim.request("/sandbox/v1/account", { headers });
    const answer = await expectSameAnswers("/sandbox/v1/account", { headers });
    expect(answer.status).toBe(429);
    expect(answer.headers.get("x-ratelimit-remaining")).toBe("0");
  });
});

describe("the lean path leaves to fastify", () => {
  it.each([
    ["phone_network", { mode: "reset" }],
    ["server_outage", {}],
    ["latency", { medianMs: 1, p99Ms: 2 }],
    ["error_rate", { rate: 0 }],
  ])("every request while a %s fault is on the board", async (kind, params) => {
    const headers = await headersFor();
    await sim.injectFault({ kind, params });
    const answered = vi.spyOn(LeanPath.prototype, "answer");
    await sim.request("/sandbox/v1/account", { headers }).catch(() => null);
    expect(answered.mock.results.map((result) => result.value)).toEqual([false]);
  });

  it("a HEAD, a path with parameters and a route it does not serve", async () => {
    const headers = await headersFor();
    const answered = vi.spyOn(LeanPath.prototype, "answer");
    await sim.request("/sandbox/v1/account", { method: "HEAD", headers });
    await sim.request("/sandbox/v1/vehicles/JTMBFREVXRD100001/status", { headers });
    await sim.request("/sandbox/console/quota", { headers });
    expect(answered.mock.results.map((result) => result.value)).toEqual([false, false, false]);
  });
});
