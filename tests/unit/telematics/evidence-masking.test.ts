// Evidence never carries a secret: what Pitstop sends, what a vendor answers and what a vendor's
// request log returns are masked by an allowlist of harmless headers, with secret-looking query
// parameters and values masked too, and vendor error codes kept readable.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestTraceCheck } from "@/lib/diagnosis/checks/request-trace";
import { checkRunsOf } from "@/lib/diagnosis/diagnose";
import { VendorGateway } from "@/lib/diagnosis/vendor-gateway";
import { db } from "@/lib/db/client";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { createIncident } from "@/lib/incidents/store";
import { curlReproduction, TelematicsClient } from "@/lib/telematics/client";
import { incidentBody } from "@/tests/support/factories";
import { userActor } from "@/tests/support/db-factories";

const CLIENT_SECRET = "cs-9f8e7d6c5b4a3f2e1d0c";
const AUTH_TOKEN = "at-1a2b3c4d5e6f7a8b9c0d";
const API_KEY = "ak-0a9b8c7d6e5f4a3b2c1d";
const SESSION = "sess-5e4d3c2b1a0f9e8d7c6b";
const QUERY_SECRET = "qs-4c3b2a1f0e9d8c7b6a5f";
const PLANTED = [CLIENT_SECRET, AUTH_TOKEN, API_KEY, SESSION, QUERY_SECRET];

const correlationId = "corr-evidence-0001";
// A vendor that answers with secrets in headers, body text and its request log.
function vendor(request: IncomingMessage, response: ServerResponse) {
  response.setHeader("content-type", "application/json");
  response.setHeader("x-correlationid", correlationId);
  response.setHeader("x-vendor-session", SESSION);
  response.setHeader("x-ratelimit-remaining", "41");
  if (request.url?.startsWith("/sandbox/console/requests")) {
    response.end(
      JSON.stringify({
        requests: [
          {
            at: "2026-12-01T10:00:00.000Z",
            method: "GET",
            path: "/sandbox/v1/vehicles/JTMBFREVXRD100001/status",
            status: 403,
            latencyMs: 12,
            correlationId,
            tenant: "fleetco",
            accountId: "acct-0001",
            errorCode: "INSUFFICIENT_SCOPE",
            requestHeaders: {
              "x-client-secret": CLIENT_SECRET,
              "x-auth-token": AUTH_TOKEN,
              "api-key": API_KEY,
              "x-correlationid": correlationId,
            },
            responseHeaders: { "x-vendor-session": SESSION, "content-type": "application/json" },
          },
        ],
      }),
    );
    return;
  }
  response.statusCode = 403;
  response.end(
    JSON.stringify({
      code: "INSUFFICIENT_SCOPE",
      message: `token rejected; retry with client_secret=${CLIENT_SECRET}`,
    }),
  );
}

const server = createServer(vendor);
let baseUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const leaks = (value: unknown) =>
  PLANTED.filter((secret) => JSON.stringify(value).includes(secret));

describe("telematics evidence", () => {
  it("masks every header not known to be harmless, secret query parameters and secret text in answers", async () => {
    const client = new TelematicsClient({ baseUrl, timeoutMs: 2_000 });
    const exchange = await client.send({
      method: "GET",
      path: "/v1/account",
      environment: "sandbox",
      correlationId,
      headers: { "x-client-secret": CLIENT_SECRET, "x-auth-token": AUTH_TOKEN, "api-key": API_KEY },
      query: { client_secret: QUERY_SECRET, vin: "JTMBFREVXRD100001" },
    });
    expect(leaks(exchange)).toEqual([]);
    expect(leaks(curlReproduction(exchange))).toEqual([]);
    expect(exchange.request.headers["x-correlationid"]).toBe(correlationId);
    expect(exchange.request.url).toContain("vin=JTMBFREVXRD100001");
    expect(exchange.response?.headers["x-ratelimit-remaining"]).toBe("41");
    expect(exchange.response?.body).toMatchObject({ code: "INSUFFICIENT_SCOPE" });
  });

  it("re-masks the request log a vendor returns before it becomes a check's evidence", async () => {
    const gateway = new VendorGateway({ baseUrl, adminKey: "admin", timeoutMs: 2_000 });
    const finding = await requestTraceCheck.run({
      incident: {
        id: "incident-evidence",
        correlationId,
        environment: "sandbox",
        tenant: "fleetco",
        vin: "JTMBFREVXRD100001",
        accountRef: null,
        sdkName: null,
        sdkVersion: null,
        apiVersion: null,
        appVersion: null,
        scopes: [],
        errorString: "403",
        httpStatus: 403,
        occurredAt: new Date(),
      },
      vendor: gateway,
    });
    expect(finding.summary).toContain("INSUFFICIENT_SCOPE");
    expect(leaks(finding.evidence)).toEqual([]);
    const [entry] = (finding.evidence as { requests: Array<Record<string, unknown>> }).requests;
    expect(entry).toMatchObject({
      errorCode: "INSUFFICIENT_SCOPE",
      requestHeaders: { "x-correlationid": correlationId },
    });
  });

  it("shows stored check results masked even when a row was stored before masking", async () => {
    const created = await createIncident(
      incidentInputSchema.parse(incidentBody()),
      await userActor("sre"),
    );
    if (!created.ok) throw new Error("incident not created");
    await db.checkRun.create({
      data: {
        incidentId: created.incident.id,
        status: "completed",
        results: {
          create: {
            checkId: "request_trace",
            outcome: "fail",
            summary: "The vendor answered 403 INSUFFICIENT_SCOPE.",
            durationMs: 3,
            evidence: JSON.stringify({
              label: "Request trace by correlation id",
              causes: [],
              signals: [],
              evidence: { requests: [{ requestHeaders: { "x-auth-token": AUTH_TOKEN } }] },
            }),
          },
        },
      },
    });
    const [run] = await checkRunsOf(created.incident.id);
    expect(run?.results).toHaveLength(1);
    expect(leaks(run)).toEqual([]);
  });
});
