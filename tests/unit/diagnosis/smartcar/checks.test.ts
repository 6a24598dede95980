// The Smartcar checks against the simulator's Smartcar face over HTTP, with a token the owner's
// app got through Connect: they never touch the simulator's admin endpoints, the request log's
// recorded code proves the cause and the replay reproduces it with a masked curl, a connection
// with a wrong secret says which call refused it, and a call the error shows Smartcar answered
// is never read as the caller's network when the log search misses it.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { IncidentForChecks } from "@/lib/diagnosis/check";
import { runChecks } from "@/lib/diagnosis/run-checks";
import { SmartcarGateway, type SmartcarEndpoints } from "@/lib/diagnosis/smartcar/gateway";
import { smartcar, type SdkError } from "../../simulator/smartcar/sdk";
import { baseOf, DEMO, signedIn, startSmartcarFace } from "../../simulator/smartcar/support";
import { VINS } from "../../simulator/support";

const sim = startSmartcarFace();
const AVA = "ava.active@example.com";
let accessToken = "";
let userId = "";
let vehicleId = "";

// The harness resets the simulator before each test (tokens included): connect after it.
beforeEach(async () => {
  const { access, vehicleIds } = await signedIn(AVA);
  accessToken = access.accessToken;
  vehicleId = vehicleIds[0]!;
  userId = ((await smartcar.getUser(accessToken)) as { id: string }).id;
});
afterEach(() => vi.restoreAllMocks());

function gateway(overrides: Partial<SmartcarEndpoints> = {}) {
  const base = baseOf(sim, "sandbox");
  return new SmartcarGateway({
    connection: {
      id: "conn-test",
      name: "Smartcar (test)",
      environment: "sandbox",
      apiOrigin: base,
      managementOrigin: base,
      clientId: DEMO.clientId,
      clientSecret: DEMO.clientSecret,
      managementToken: DEMO.managementToken,
      ...overrides,
    },
    timeoutMs: 2_000,
    accessToken: async () => ({
      ok: true,
      accessToken,
      linkId: "link-test",
      smartcarUserId: userId,
    }),
  });
}

const incident = (overrides: Partial<IncidentForChecks>): IncidentForChecks => ({
  id: "incident-test",
  correlationId: randomUUID(),
  environment: "sandbox",
  tenant: DEMO.clientId,
  vin: VINS.ava,
  accountRef: AVA,
  sdkName: "smartcar",
  sdkVersion: "10.4.0",
  apiVersion: "2.0",
  appVersion: null,
  scopes: ["read_vehicle_info", "read_odometer"],
  errorString: "",
  httpStatus: null,
  occurredAt: new Date(),
  ...overrides,
});

async function sdkFailure() {
  const occurredAt = new Date();
  const error = (await new smartcar.Vehicle(vehicleId, accessToken).odometer().then(
    () => null,
    (thrown: SdkError) => thrown,
  ))!;
  expect(error).not.toBeNull();
  return { error, occurredAt };
}

const byId = (results: Awaited<ReturnType<typeof runChecks>>) =>
  Object.fromEntries(results.map((result) => [result.checkId, result]));

describe("the Smartcar checks", () => {
  it("read a healthy vehicle as healthy and never call the simulator's admin endpoints", async () => {
    const fetched: string[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    });
    const results = byId(await runChecks({ incident: incident({}), smartcar: gateway() }));
    expect(fetched.length).toBeGreaterThan(5);
    expect(fetched.filter((url) => /\/admin\/|\/console\//.test(new URL(url).pathname))).toEqual(
      [],
    );
    for (const id of ["account_token", "vehicle_link", "permissions", "region"])
      expect(results[id]!.outcome, `${id}: ${results[id]!.summary}`).toBe("pass");
    expect(results.vehicle_connectivity!.summary).toMatch(/answered GET .*\/odometer/);
  });

  it("prove the cause from the request log and reproduce it with a masked curl", async () => {
    await sim.injectFault({
      kind: "vehicle_connectivity",
      face: "smartcar",
      target: { vin: VINS.ava },
      params: { mode: "asleep" },
    });
    const { error, occurredAt } = await sdkFailure();
    const results = byId(
      await runChecks({
        incident: incident({
          correlationId: error.requestId!,
          errorString: String(error),
          httpStatus: error.statusCode!,
          occurredAt,
        }),
        smartcar: gateway(),
      }),
    );
    expect(results.request_trace!.signals).toContainEqual(
      expect.objectContaining({ cause: "vehicle_connectivity", proves: true }),
    );
    const replay = results.replay!.evidence as {
      verdict: string;
      replays: Array<{ curl: string }>;
    };
    expect(replay.verdict).toBe("reproduced");
    expect(replay.replays[0]!.curl).toMatch(
      /^curl -v -X GET \\\n\s+'http:\/\/[^']+\/v2\.0\/vehicles\/[^/]+\/odometer'/,
    );
    expect(replay.replays[0]!.curl).toContain("-H 'authorization: Bearer ****");
    expect(JSON.stringify(results)).not.toContain(accessToken);
    expect(JSON.stringify(results)).not.toContain(DEMO.clientSecret);
  });

  it("say which call refused a connection's wrong secret, without blaming the owner", async () => {
    const results = byId(
      await runChecks({
        incident: incident({}),
        smartcar: gateway({ clientSecret: "not-the-secret", managementToken: "not-the-amt" }),
      }),
    );
    expect(results.region!.outcome).toBe("error");
    expect(results.region!.summary).toMatch(
      /client id or secret was refused by GET \/v2.0\/compatibility: 401/,
    );
    expect(results.request_trace!.outcome).toBe("error");
    expect(results.request_trace!.summary).toMatch(/request log: 401 AUTHENTICATION/);
    expect(results.account_token!.outcome).toBe("pass");
  });

  it("do not read a missed log search as the caller's network when Smartcar's answer is quoted", async () => {
    const results = byId(
      await runChecks({
        incident: incident({
          errorString: "SmartcarError: VEHICLE_STATE:ASLEEP - The vehicle is asleep.",
          occurredAt: new Date(Date.now() - 3_600_000),
        }),
        smartcar: gateway(),
      }),
    );
    expect(results.request_trace!.outcome).toBe("warn");
    expect(results.request_trace!.signals).toEqual([
      expect.objectContaining({ cause: "phone_network", weight: -2 }),
    ]);
  });
});
