// checks.suite_p95_ms: the full check suite for one incident against a local simulator
// process, from the first request to the last result; checks.smartcar_suite_p95_ms: the same
// through a Smartcar connection to the simulator's Smartcar face, measured the same way.
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { IncidentForChecks } from "@/lib/diagnosis/check";
import { freshDataDirectory, log, percentile, waitForHealth } from "./support";

const SIM_PORT = 4340;
const RUNS = 40;
const WARMUP = 5;

/** The suite's time over RUNS runs after WARMUP; any check that errors stops the bench. */
async function timeSuite(
  runSuite: () => Promise<Array<{ outcome: string }>>,
): Promise<{ p95: number; p50: number }> {
  const samples: number[] = [];
  for (let run = 0; run < RUNS + WARMUP; run++) {
    const started = performance.now();
    const results = await runSuite();
    if (results.some((result) => result.outcome === "error"))
      throw new Error(
        `a check errored: ${JSON.stringify(results.find((result) => result.outcome === "error"))}`,
      );
    if (run >= WARMUP) samples.push(performance.now() - started);
  }
  return { p95: percentile(samples, 95), p50: percentile(samples, 50) };
}

type SdkError = Error & { requestId?: string; statusCode?: number };
type Smartcar = {
  Vehicle: new (id: string, token: string) => { odometer(): Promise<unknown> };
  getVehicles(token: string): Promise<{ vehicles: string[] }>;
};

/**
 * Eli's expired subscription seen through the demo Smartcar connection: his account linked
 * through Connect (the scriptable form post), the real SDK's failing odometer read, and the
 * incident filed with the SDK's message and request id.
 */
async function smartcarIncident(base: string): Promise<{
  connectionId: string;
  incident: IncidentForChecks;
}> {
  const { db } = await import("@/lib/db/client");
  const { encryptSecret } = await import("@/lib/security/encryption");
  const { exchangeCode } = await import("@/lib/vendors/smartcar-auth");
  const { DEMO_SMARTCAR_CLIENT, DEMO_SMARTCAR_CONNECTION_NAME, SMARTCAR_DIAGNOSIS_SCOPES } =
    await import("@/lib/vendors/constants");
  const face = `${base}/smartcar/sandbox`;
  for (const name of [
    "SMARTCAR_AUTH_ORIGIN",
    "SMARTCAR_API_ORIGIN",
    "SMARTCAR_API_V3_ORIGIN",
    "SMARTCAR_MANAGEMENT_API_ORIGIN",
  ])
    process.env[name] = face;
  const redirectUri = "http://127.0.0.1:8000/callback";
  const authorize = new URL(`${face}/oauth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: DEMO_SMARTCAR_CLIENT.clientId,
    redirect_uri: redirectUri,
    scope: SMARTCAR_DIAGNOSIS_SCOPES.join(" "),
    state: "bench",
  }).toString();
  const signedIn = await fetch(authorize, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ email: "eli.expired@example.com", password: "Drive-2026!" }),
  });
  const code = new URL(signedIn.headers.get("location")!).searchParams.get("code")!;
  const connection = await db.vendorConnection.findUniqueOrThrow({
    where: { name: DEMO_SMARTCAR_CONNECTION_NAME },
  });
  const client = { authOrigin: face, apiOrigin: face, ...DEMO_SMARTCAR_CLIENT };
  const exchanged = await exchangeCode(client, code, redirectUri);
  if (!exchanged.ok) throw new Error(`the code exchange failed: ${exchanged.problem}`);
  const { tokens } = exchanged;
  const smartcar = createRequire(import.meta.url)("smartcar") as Smartcar;
  const user = (await fetch(`${face}/v2.0/user`, {
    headers: { authorization: `Bearer ${tokens.accessToken}` },
  }).then((response) => response.json())) as { id: string };
  await db.smartcarAccountLink.create({
    data: {
      connectionId: connection.id,
      label: "eli.expired@example.com",
      smartcarUserId: user.id,
      accessTokenEnc: encryptSecret(tokens.accessToken),
      refreshTokenEnc: encryptSecret(tokens.refreshToken),
      accessExpiresAt: tokens.accessExpiresAt,
      refreshExpiresAt: tokens.refreshExpiresAt,
      scopes: JSON.stringify(tokens.scopes ?? []),
    },
  });
  const [vehicleId] = (await smartcar.getVehicles(tokens.accessToken)).vehicles;
  const occurredAt = new Date();
  const failure = await new smartcar.Vehicle(vehicleId!, tokens.accessToken)
    .odometer()
    .then(() => null)
    .catch((error: SdkError) => error);
  if (!failure) throw new Error("the odometer read of an expired subscription succeeded");
  return {
    connectionId: connection.id,
    incident: {
      id: "bench-smartcar",
      correlationId: failure.requestId!,
      environment: "sandbox",
      tenant: DEMO_SMARTCAR_CLIENT.clientId,
      vin: "3TMLB5JN9MM100003",
      accountRef: "eli.expired@example.com",
      sdkName: "smartcar",
      sdkVersion: "10.4.0",
      apiVersion: "2.0",
      appVersion: null,
      scopes: [...SMARTCAR_DIAGNOSIS_SCOPES],
      errorString: failure.message,
      httpStatus: failure.statusCode ?? null,
      occurredAt,
    },
  };
}

export async function benchChecks(): Promise<Record<string, number>> {
  process.env.PITSTOP_DATA_DIR = freshDataDirectory("checks");
  // Before the prepare step, so the demo Smartcar connection it seeds points at this simulator.
  Object.assign(process.env, { SIMULATOR_URL: `http://127.0.0.1:${SIM_PORT}` });
  execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
    { stdio: ["ignore", "ignore", "inherit"], env: process.env },
  );
  const simulator = spawn(process.execPath, ["--import", "tsx", "lib/simulator/main.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, SIM_PORT: String(SIM_PORT), SIM_ADMIN_KEY: "bench-admin-key" },
  });
  try {
    const base = `http://127.0.0.1:${SIM_PORT}`;
    await waitForHealth(`${base}/health`);
    Object.assign(process.env, { SIMULATOR_URL: base, SIMULATOR_ADMIN_KEY: "bench-admin-key" });
    const { runChecks } = await import("@/lib/diagnosis/run-checks");
    const { smartcarGateway, vendorGateway } = await import("@/lib/diagnosis/diagnose");
    const { connectionForIncident } = await import("@/lib/vendors/runtime");

    // The incident: Eli's expired subscription refusing a status read.
    const token = await fetch(`${base}/sandbox/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "password",
        username: "eli.expired@example.com",
        password: "Drive-2026!",
        client_id: "fleetco-sandbox",
        client_secret: "secret_sandbox_fleetco",
      }),
    }).then((response) => response.json() as Promise<{ access_token: string }>);
    const correlationId = "bench-checks-1";
    const failing = await fetch(`${base}/sandbox/v1/vehicles/3TMLB5JN9MM100003/status`, {
      headers: {
        authorization: `Bearer ${token.access_token}`,
        "x-api-key": "key_sandbox_fleetco",
        "x-api-version": "2025-09-01",
        "x-correlationid": correlationId,
      },
    });
    const incident = {
      id: "bench",
      correlationId,
      environment: "sandbox" as const,
      tenant: "fleetco",
      vin: "3TMLB5JN9MM100003",
      accountRef: "eli.expired@example.com",
      sdkName: "connected-sdk",
      sdkVersion: "4.2.1",
      apiVersion: "2025-09-01",
      appVersion: "3.4.0",
      scopes: ["openid", "vehicle:read", "vehicle:commands"],
      errorString: `HTTP ${failing.status} ${await failing.text()}`,
      httpStatus: failing.status,
      occurredAt: new Date(),
    };
    log(`checks: ${RUNS} full suites`);
    const simulator = await timeSuite(() => runChecks({ incident, vendor: vendorGateway() }));

    const through = await smartcarIncident(base);
    const connection = await connectionForIncident(through.connectionId);
    if (connection.kind !== "smartcar") throw new Error("the demo Smartcar connection is missing");
    log(`checks: ${RUNS} full suites through the Smartcar connection`);
    const smartcar = await timeSuite(() =>
      runChecks({ incident: through.incident, smartcar: smartcarGateway(connection) }),
    );
    return {
      "checks.suite_p95_ms": simulator.p95,
      "checks.suite_p50_ms": simulator.p50,
      "checks.smartcar_suite_p95_ms": smartcar.p95,
      "checks.smartcar_suite_p50_ms": smartcar.p50,
    };
  } finally {
    simulator.kill("SIGTERM");
  }
}
