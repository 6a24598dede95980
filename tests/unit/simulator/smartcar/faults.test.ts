// Every row of the fault table through the real SDK: inject the fault aimed at the Smartcar
// face, make the call an app would make, and find the SmartcarError the table promises (type,
// code, status, request id, resolution, retry-after), or for the caller's own network no answer
// and no trace in the face's log. Also: seeded states, faults kept to their face, the listing.
import { describe, expect, it } from "vitest";
import { SMARTCAR_FAULT_ERRORS } from "@/lib/simulator/smartcar/fault-errors";
import { VINS } from "../support";
import { shortenSdkTimeout, smartcar, type SdkError } from "./sdk";
import { authClient, baseOf, DEMO, signedIn, startSmartcarFace } from "./support";

const sim = startSmartcarFace("sandbox");
const AVA = "ava.active@example.com";

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => {
      throw new Error(`expected the SDK to throw, got ${JSON.stringify(value)}`);
    },
    (error: SdkError) => error,
  );

async function faceLog(query: string) {
  const response = await fetch(`${baseOf(sim, "sandbox")}/v2.0/management/request-log?${query}`, {
    headers: {
      authorization: `Basic ${Buffer.from(`default:${DEMO.managementToken}`).toString("base64")}`,
    },
  });
  return ((await response.json()) as { requests: Array<Record<string, unknown>> }).requests;
}

/** A "since" for the log after everything so far: its times are whole milliseconds. */
async function sinceNow(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 3));
  return new Date().toISOString();
}

async function avaOdometer() {
  const { access, vehicleIds } = await signedIn(AVA);
  // The SDK fixes its timeout when a Vehicle is built: build a fresh one for each call.
  const fresh = () => new smartcar.Vehicle(vehicleIds[0]!, access.accessToken);
  return { access, vehicle: fresh(), fresh };
}

describe("each fault as the SDK sees it", () => {
  for (const row of SMARTCAR_FAULT_ERRORS) {
    it(`${row.kind} (${row.mode}) → ${row.error ? `${row.error.type}:${row.error.code}` : "no answer"}`, async () => {
      const { vehicle, fresh } = await avaOdometer();
      await sim.injectFault({
        kind: row.kind,
        face: "smartcar",
        target: { account: AVA },
        params: row.params,
      });
      for (let call = 0; call < row.warmupCalls; call++) await vehicle.odometer();
      const since = await sinceNow();
      if (row.mode === "blackhole") shortenSdkTimeout(300);
      const error = await failure(fresh().odometer()).finally(() => shortenSdkTimeout(310_000));

      if (!row.error) {
        expect(error.requestId).toBeUndefined();
        expect(error.type).toBeUndefined();
        expect(await faceLog(`since=${encodeURIComponent(since)}`)).toEqual([]);
        return;
      }
      expect(error.name).toBe("SmartcarError");
      expect(error).toMatchObject({
        type: row.error.type,
        statusCode: row.error.statusCode,
        description: row.error.description,
        suggestedUserMessage: row.error.suggestedUserMessage,
        docURL: expect.stringMatching(/^https:\/\/smartcar\.com\/docs\//),
        resolution: { type: row.error.resolution, url: null },
      });
      // The SDK keeps `code` only when it is set: a null code reads as undefined.
      expect(error.code ?? null).toBe(row.error.code);
      expect(error.requestId).toMatch(/^[\w-]{8,}$/);
      if (row.retryAfter) expect(Number(error.retryAfter)).toBeGreaterThan(0);
      else expect(error.retryAfter).toBeUndefined();
      const [logged] = await faceLog(`requestId=${error.requestId}`);
      expect(logged).toMatchObject({
        status: row.error.statusCode,
        errorType: row.error.type,
        errorCode: row.error.code,
      });
    });
  }

  it("drops every user call under an untargeted caller's-network fault, but not management calls", async () => {
    const { fresh } = await avaOdometer();
    const since = await sinceNow();
    await sim.injectFault({ kind: "phone_network", face: "smartcar", params: { mode: "reset" } });
    const error = await failure(fresh().odometer());
    expect(error.requestId).toBeUndefined();
    expect(await failure(smartcar.getUser("any-token"))).toMatchObject({ message: "fetch failed" });
    expect(await faceLog(`since=${encodeURIComponent(since)}`)).toEqual([]);
    expect((await smartcar.getConnections(DEMO.managementToken)).connections).toHaveLength(1);
  });

  it("holds a timeout outage for its holdMs before answering", async () => {
    const { vehicle } = await avaOdometer();
    await sim.injectFault({
      kind: "server_outage",
      face: "smartcar",
      params: { mode: "timeout", holdMs: 300 },
    });
    const started = performance.now();
    const error = await failure(vehicle.odometer());
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(error).toMatchObject({ type: "UPSTREAM", code: "NO_RESPONSE" });
  });

  it("takes the token endpoint down with the API in an outage", async () => {
    const { access } = await avaOdometer();
    await sim.injectFault({
      kind: "server_outage",
      face: "smartcar",
      params: { mode: "unavailable" },
    });
    const error = await failure(authClient().exchangeRefreshToken(access.refreshToken));
    expect(error).toMatchObject({ type: "SERVER", code: "INTERNAL", statusCode: 500 });
  });

  it("revokes refresh tokens when the account's tokens are revoked", async () => {
    const { access } = await avaOdometer();
    await sim.injectFault({
      kind: "account_auth",
      face: "smartcar",
      target: { account: AVA },
      params: { mode: "token_revoked" },
    });
    const error = await failure(authClient().exchangeRefreshToken(access.refreshToken));
    expect(error).toMatchObject({ type: "invalid_grant", statusCode: 400 });
  });

  it("turns the missing_scope fault into a narrower grant at Connect", async () => {
    await sim.injectFault({
      kind: "missing_scope",
      face: "smartcar",
      target: { account: AVA },
      params: { scope: "read_location" },
    });
    const { vehicle } = await avaOdometer();
    expect((await vehicle.permissions()).permissions).not.toContain("read_location");
    expect(await failure(vehicle.location())).toMatchObject({
      type: "PERMISSION",
      statusCode: 403,
    });
  });
});

describe("seeded states read as the same Smartcar errors", () => {
  const cases = [
    ["sam.sleepy@example.com", "VEHICLE_STATE", "ASLEEP"],
    ["gus.garage@example.com", "VEHICLE_STATE", "UNREACHABLE"],
    ["eli.expired@example.com", "CONNECTED_SERVICES_ACCOUNT", "SUBSCRIPTION"],
    ["vic.verify@example.com", "CONNECTED_SERVICES_ACCOUNT", "ACCOUNT_ISSUE"],
  ] as const;
  for (const [email, type, code] of cases) {
    it(`${email} → ${type}:${code}`, async () => {
      const { access, vehicleIds } = await signedIn(email);
      const vehicle = new smartcar.Vehicle(vehicleIds[0]!, access.accessToken);
      expect(await failure(vehicle.odometer())).toMatchObject({ type, code });
      expect((await vehicle.vin()).vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
    });
  }
});

describe("a fault's face", () => {
  it("keeps a toyota fault off the Smartcar face, and a smartcar fault off the Toyota-style face", async () => {
    const { vehicle } = await avaOdometer();
    const toyota = await sim.session(AVA);
    const status = async () => (await toyota.get(`/v1/vehicles/${VINS.ava}/status`)).body;

    const toyotaOnly = await sim.injectFault({
      kind: "vehicle_connectivity",
      face: "toyota",
      target: { vin: VINS.ava },
      params: { mode: "asleep" },
    });
    expect((await vehicle.odometer()).distance).toBeGreaterThan(0);
    expect((await status()).reachability).toBe("asleep");
    await sim.clearFault(toyotaOnly);

    await sim.injectFault({
      kind: "vehicle_connectivity",
      face: "smartcar",
      target: { vin: VINS.ava },
      params: { mode: "asleep" },
    });
    expect(await failure(vehicle.odometer())).toMatchObject({
      type: "VEHICLE_STATE",
      code: "ASLEEP",
    });
    expect((await status()).reachability).toBe("online");
  });

  it("keeps a Smartcar-only outage off the Toyota-style status page and its history", async () => {
    await sim.injectFault({
      kind: "server_outage",
      face: "smartcar",
      params: { mode: "unavailable" },
    });
    expect((await sim.request("/sandbox/status")).body.status).toBe("operational");
    const history = await sim.asClient("fleetco", "GET", "/console/status-history");
    expect(history.body.windows).toEqual([]);
  });

  it("touches both faces when the fault names none", async () => {
    const { vehicle } = await avaOdometer();
    const toyota = await sim.session(AVA);
    await sim.injectFault({
      kind: "vehicle_connectivity",
      target: { vin: VINS.ava },
      params: { mode: "unreachable" },
    });
    expect(await failure(vehicle.odometer())).toMatchObject({ code: "UNREACHABLE" });
    expect((await toyota.get(`/v1/vehicles/${VINS.ava}/status`)).body.reachability).toBe(
      "unreachable",
    );
  });

  it("shows the face in the fault listing and refuses an unknown one naming the field", async () => {
    await sim.injectFault({
      kind: "phone_network",
      face: "smartcar",
      params: { mode: "reset" },
    });
    const listed = await sim.admin("GET", "/admin/faults");
    expect(listed.body.faults).toEqual([
      expect.objectContaining({ kind: "phone_network", face: "smartcar" }),
    ]);
    const refused = await sim.admin("POST", "/admin/faults", {
      kind: "phone_network",
      environment: "sandbox",
      face: "honda",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.fields).toHaveProperty("body.face");
  });
});

describe("the documentation", () => {
  it("lists every row of the fault table with the error it gives", async () => {
    const { readFile } = await import("node:fs/promises");
    const docs = await readFile("docs/simulator.md", "utf8");
    for (const row of SMARTCAR_FAULT_ERRORS) {
      const line = docs
        .split("\n")
        .find((candidate) => candidate.startsWith(`| \`${row.kind}\` (${row.mode}) |`));
      expect(line, `${row.kind} (${row.mode})`).toBeDefined();
      expect(line).toContain(JSON.stringify(row.params));
      if (row.error) expect(line).toContain(`${row.error.type}:${row.error.code ?? "null"}`);
    }
  });
});
