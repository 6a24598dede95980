// checks.suite_p95_ms: the full check suite for one incident against a local simulator
// process, from the first request to the last result.
import { execFileSync, spawn } from "node:child_process";
import { freshDataDirectory, log, percentile, waitForHealth } from "./support";

const SIM_PORT = 4340;
const RUNS = 40;

export async function benchChecks(): Promise<Record<string, number>> {
  process.env.PITSTOP_DATA_DIR = freshDataDirectory("checks");
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
    const { vendorGateway } = await import("@/lib/diagnosis/diagnose");

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
    const samples: number[] = [];
    for (let run = 0; run < RUNS + 5; run++) {
      const started = performance.now();
      const results = await runChecks({ incident, vendor: vendorGateway() });
      if (results.some((result) => result.outcome === "error"))
        throw new Error(
          `a check errored: ${JSON.stringify(results.find((result) => result.outcome === "error"))}`,
        );
      if (run >= 5) samples.push(performance.now() - started);
    }
    return {
      "checks.suite_p95_ms": percentile(samples, 95),
      "checks.suite_p50_ms": percentile(samples, 50),
    };
  } finally {
    simulator.kill("SIGTERM");
  }
}
