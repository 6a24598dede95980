// For every cause: inject the fault in a real simulator, make the failing call as an app would,
// file the incident, run every check against the simulator over HTTP, and expect that cause
// ranked first with check evidence behind it (not only the error text).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { diagnoseIncident } from "@/lib/diagnosis/diagnose";
import type { CauseId } from "@/lib/diagnosis/taxonomy";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { createIncident } from "@/lib/incidents/store";
import { userActor } from "@/tests/support/db-factories";
import {
  ADMIN_KEY,
  startSimulatorForFile,
  VINS,
  type EnvironmentName,
  type Session,
  type VendorAnswer,
} from "../simulator/support";

const harness = startSimulatorForFile();
beforeAll(() => {
  process.env.SIMULATOR_URL = harness.baseUrl;
  process.env.SIMULATOR_ADMIN_KEY = ADMIN_KEY;
});

const APP_SCOPES = [
  "openid",
  "offline_access",
  "account:read",
  "subscription:read",
  "vehicle:read",
  "vehicle:link",
  "vehicle:commands",
  "vehicle:location",
];

type Failure = { correlationId: string; errorString: string; httpStatus: number | null };

/** What an app would log for a failed call: the status and the vendor's body, verbatim. */
const logged = (answer: VendorAnswer, correlationId: string): Failure => ({
  correlationId,
  errorString: `HTTP ${answer.status} ${answer.text}`,
  httpStatus: answer.status,
});

async function diagnose(
  failure: Failure,
  incident: { vin?: string; account: string; environment?: EnvironmentName; appVersion?: string },
) {
  const actor = await userActor("sre");
  const input = incidentInputSchema.parse({
    correlationId: failure.correlationId,
    title: "Diagnosis end-to-end",
    environment: incident.environment ?? "sandbox",
    tenant: "fleetco",
    vin: incident.vin,
    accountRef: incident.account,
    sdkName: "connected-sdk",
    sdkVersion: "4.2.1",
    apiVersion: "2025-09-01",
    appVersion: incident.appVersion ?? "3.4.0",
    scopes: APP_SCOPES,
    errorString: failure.errorString,
    httpStatus: failure.httpStatus,
    occurredAt: new Date().toISOString(),
  });
  const created = await createIncident(input, actor);
  if (!created.ok) throw new Error("could not file the incident");
  return diagnoseIncident(created.incident, actor);
}

function expectFirst(result: Awaited<ReturnType<typeof diagnose>>, cause: CauseId) {
  const [top] = result.diagnosis.ranked;
  expect(
    top?.cause,
    JSON.stringify(
      result.diagnosis.ranked
        .slice(0, 3)
        .map((entry) => [entry.cause, entry.confidence.toFixed(2)]),
    ),
  ).toBe(cause);
  expect(top!.evidence.some((item) => item.source !== "classifier" && item.weight > 0)).toBe(true);
  expect(result.diagnosis.path.at(-1)).toBe(cause);
  return top!;
}

const correlation = () => `e2e-${randomUUID()}`;
const withCorrelation = (correlationId: string) => ({ "x-correlationid": correlationId });

async function signIn(email: string, env: EnvironmentName = "sandbox"): Promise<Session> {
  return harness.session(email, { env });
}

describe("each cause, injected in the simulator, is ranked first by the checks", () => {
  it("subscription_inactive", async () => {
    await harness.injectFault({
      kind: "subscription_inactive",
      target: { vin: VINS.ava },
      params: { status: "expired" },
    });
    const ava = await signIn("ava.active@example.com");
    const id = correlation();
    const answer = await ava.get(`/v1/vehicles/${VINS.ava}/status`, withCorrelation(id));
    expect(answer.status).toBe(403);
    const top = expectFirst(
      await diagnose(logged(answer, id), { vin: VINS.ava, account: "ava.active@example.com" }),
      "subscription_inactive",
    );
    expect(top.evidence.map((item) => item.source)).toContain("subscription");
  });

  it("account_auth", async () => {
    const ava = await signIn("ava.active@example.com");
    await harness.injectFault({
      kind: "account_auth",
      target: { account: "ava.active@example.com" },
      params: { mode: "token_revoked" },
    });
    const id = correlation();
    const answer = await ava.get(`/v1/vehicles/${VINS.ava}/status`, withCorrelation(id));
    expect(answer.status).toBe(401);
    const top = expectFirst(
      await diagnose(logged(answer, id), { vin: VINS.ava, account: "ava.active@example.com" }),
      "account_auth",
    );
    expect(top.evidence.map((item) => item.source)).toContain("account_token");
  });

  it("missing_scope", async () => {
    await harness.injectFault({
      kind: "missing_scope",
      target: { tenant: "fleetco" },
      params: { scope: "vehicle:commands" },
    });
    const ava = await signIn("ava.active@example.com");
    const id = correlation();
    const answer = await ava.call("POST", `/v1/vehicles/${VINS.ava}/commands`, {
      json: { command: "engine_start" },
      headers: withCorrelation(id),
    });
    expect(answer.status).toBe(403);
    const top = expectFirst(
      await diagnose(logged(answer, id), { vin: VINS.ava, account: "ava.active@example.com" }),
      "missing_scope",
    );
    expect(
      top.evidence.some(
        (item) => item.source === "account_token" && /vehicle:commands/.test(item.why),
      ),
    ).toBe(true);
  });

  it("vehicle_not_linked (the prod-only ownership transfer)", async () => {
    const olga = await signIn("olga.owner@example.com", "prod");
    const id = correlation();
    const answer = await olga.get(`/v1/vehicles/${VINS.olga}/status`, withCorrelation(id));
    expect(answer.status).toBe(403);
    const top = expectFirst(
      await diagnose(logged(answer, id), {
        vin: VINS.olga,
        account: "olga.owner@example.com",
        environment: "prod",
      }),
      "vehicle_not_linked",
    );
    expect(top.evidence.map((item) => item.source)).toContain("vehicle_link");
  });

  it("app_version", async () => {
    await harness.injectFault({ kind: "app_version", params: { minAppVersion: "9.0.0" } });
    const ava = await signIn("ava.active@example.com");
    const id = correlation();
    const answer = await ava.get(`/v1/vehicles/${VINS.ava}/status`, {
      ...withCorrelation(id),
      "x-app-version": "3.4.0",
    });
    expect(answer.status).toBe(426);
    const top = expectFirst(
      await diagnose(logged(answer, id), {
        vin: VINS.ava,
        account: "ava.active@example.com",
        appVersion: "3.4.0",
      }),
      "app_version",
    );
    expect(top.evidence.map((item) => item.source)).toContain("app_version");
  });

  it("vehicle_connectivity", async () => {
    const gus = await signIn("gus.garage@example.com");
    const id = correlation();
    const accepted = await gus.call("POST", `/v1/vehicles/${VINS.gus}/commands`, {
      json: { command: "engine_start" },
      headers: withCorrelation(id),
    });
    expect(accepted.status).toBe(202);
    const settled = await gus.settledCommand(VINS.gus, accepted.body.commandId);
    expect(settled.status).toBe("timed_out");
    const failure = {
      correlationId: id,
      errorString: `Remote start never arrived: command ${settled.commandId} ended ${settled.status} (${settled.failureCode})`,
      httpStatus: null,
    };
    const top = expectFirst(
      await diagnose(failure, { vin: VINS.gus, account: "gus.garage@example.com" }),
      "vehicle_connectivity",
    );
    expect(top.evidence.map((item) => item.source)).toContain("vehicle_connectivity");
  });

  it("phone_network", async () => {
    const ava = await signIn("ava.active@example.com");
    const fault = await harness.injectFault({
      kind: "phone_network",
      target: { tenant: "fleetco" },
      params: { mode: "reset" },
    });
    const id = correlation();
    const failure = await ava.get(`/v1/vehicles/${VINS.ava}/status`, withCorrelation(id)).then(
      () => null,
      (error: Error) => ({
        correlationId: id,
        errorString: `TypeError: ${error.message} (cause: ${(error.cause as Error | undefined)?.message ?? "unknown"})`,
        httpStatus: null,
      }),
    );
    expect(failure).not.toBeNull();
    await harness.clearFault(fault);
    const top = expectFirst(
      await diagnose(failure!, { vin: VINS.ava, account: "ava.active@example.com" }),
      "phone_network",
    );
    expect(top.evidence.map((item) => item.source)).toContain("request_trace");
  });

  it("server_outage", async () => {
    const ava = await signIn("ava.active@example.com");
    await harness.injectFault({ kind: "server_outage", params: { mode: "unavailable" } });
    const id = correlation();
    const answer = await ava.get(`/v1/vehicles/${VINS.ava}/status`, withCorrelation(id));
    expect(answer.status).toBe(503);
    const top = expectFirst(
      await diagnose(logged(answer, id), { vin: VINS.ava, account: "ava.active@example.com" }),
      "server_outage",
    );
    expect(top.evidence.map((item) => item.source)).toContain("vendor_status");
  });

  it("rate_limited", async () => {
    const ava = await signIn("ava.active@example.com");
    await harness.injectFault({
      kind: "rate_limited",
      target: { tenant: "fleetco" },
      params: { limit: 2, windowS: 60 },
    });
    await ava.get("/v1/vehicles");
    await ava.get("/v1/vehicles");
    const id = correlation();
    const answer = await ava.get(`/v1/vehicles/${VINS.ava}/status`, withCorrelation(id));
    expect(answer.status).toBe(429);
    const top = expectFirst(
      await diagnose(logged(answer, id), { vin: VINS.ava, account: "ava.active@example.com" }),
      "rate_limited",
    );
    expect(top.evidence.map((item) => item.source)).toContain("rate_limit");
  });

  it("region_unavailable", async () => {
    const lena = await signIn("lena.lexus@example.com");
    const id = correlation();
    const answer = await lena.call("POST", `/v1/vehicles/${VINS.lena}/commands`, {
      json: { command: "engine_start" },
      headers: withCorrelation(id),
    });
    expect(answer.status).toBe(403);
    const top = expectFirst(
      await diagnose(logged(answer, id), { vin: VINS.lena, account: "lena.lexus@example.com" }),
      "region_unavailable",
    );
    expect(top.evidence.map((item) => item.source)).toContain("region");
  });
});

describe("a healthy incident", () => {
  it("ranks no cause with high confidence and stores the run", async () => {
    const ava = await signIn("ava.active@example.com");
    const id = correlation();
    const answer = await ava.get(`/v1/vehicles/${VINS.ava}/status`, withCorrelation(id));
    expect(answer.status).toBe(200);
    const result = await diagnose(
      {
        correlationId: id,
        errorString: "Owner says the status screen felt slow yesterday",
        httpStatus: null,
      },
      { vin: VINS.ava, account: "ava.active@example.com" },
    );
    expect(result.diagnosis.ranked[0]!.confidence).toBeLessThan(0.5);
    expect(result.results.filter((check) => check.outcome === "error")).toEqual([]);
  });
});

describe("a vendor that cannot help", () => {
  async function withVendorAt(url: string, run: () => Promise<void>) {
    const saved = process.env.SIMULATOR_URL;
    process.env.SIMULATOR_URL = url;
    try {
      await run();
    } finally {
      process.env.SIMULATOR_URL = saved;
    }
  }

  it("is evidence, not a crash, when unreachable or answering garbage", async () => {
    const { createServer } = await import("node:http");
    const garbage = createServer((_request, response) =>
      response.writeHead(200, { "content-type": "text/html" }).end("<html>upstream says hi</html>"),
    );
    await new Promise<void>((resolve) => garbage.listen(0, "127.0.0.1", resolve));
    const address = garbage.address() as { port: number };
    const failure = {
      correlationId: correlation(),
      errorString: "HTTP 503 Service Unavailable",
      httpStatus: 503,
    };
    try {
      for (const url of ["http://127.0.0.1:9", `http://127.0.0.1:${address.port}`]) {
        await withVendorAt(url, async () => {
          const result = await diagnose(
            { ...failure, correlationId: correlation() },
            { vin: VINS.ava, account: "ava.active@example.com" },
          );
          expect(result.results).toHaveLength(12);
          expect(
            result.results.filter((check) => check.outcome === "error").length,
          ).toBeGreaterThan(5);
          expect(result.diagnosis.certainty).toBeLessThan(0.5);
          expect(result.diagnosis.ranked[0]!.cause).toBe("server_outage");
        });
      }
    } finally {
      garbage.close();
    }
  });

  it("skips what an incident without VIN or account cannot support, and says why", async () => {
    const actor = await userActor("sre");
    const created = await createIncident(
      incidentInputSchema.parse({
        correlationId: correlation(),
        title: "Sparse",
        environment: "sandbox",
        tenant: "fleetco",
        errorString: "Authorization failed",
        occurredAt: new Date().toISOString(),
      }),
      actor,
    );
    if (!created.ok) throw new Error("setup failed");
    const { results } = await diagnoseIncident(created.incident, actor);
    const skipped = results.filter((check) => check.outcome === "skip");
    expect(skipped.map((check) => check.checkId).sort()).toEqual([
      "account_token",
      "api_version",
      "app_version",
      "region",
      "replay",
      "subscription",
      "vehicle_connectivity",
      "vehicle_link",
    ]);
    expect(skipped.every((check) => check.summary.length > 10)).toBe(true);
  });
});

describe("evidence is counted once", () => {
  it("an unknown VIN weighs on vehicle_not_linked through the link check alone", async () => {
    const result = await diagnose(
      { correlationId: correlation(), errorString: "Remote start failed", httpStatus: null },
      { vin: "JTMBFREV0HD999999", account: "ava.active@example.com" },
    );
    const fromChecks = result.diagnosis.ranked
      .find((entry) => entry.cause === "vehicle_not_linked")!
      .evidence.filter(
        (item) => item.source !== "classifier" && /unknown to the vendor/.test(item.why),
      );
    expect(fromChecks.map((item) => item.source)).toEqual(["vehicle_link"]);
    expect(
      result.results
        .filter((check) =>
          ["subscription", "vehicle_connectivity", "region"].includes(check.checkId),
        )
        .map((check) => check.outcome),
    ).toEqual(["skip", "skip", "skip"]);
  });
});
