// The replay check replays the call that failed, and says "reproduced" only when the outcome
// matches the original: same status class, and the same vendor code when the original had one.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { IncidentForChecks } from "@/lib/diagnosis/check";
import { replayCheck } from "@/lib/diagnosis/checks/replay";
import { originalCall } from "@/lib/diagnosis/checks/replay-call";
import { VendorGateway } from "@/lib/diagnosis/vendor-gateway";
import { maskBody } from "@/lib/security/secrets";
import { ADMIN_KEY, startSimulatorForFile, VINS } from "../simulator/support";

const harness = startSimulatorForFile();
const vendor = () =>
  new VendorGateway({ baseUrl: harness.baseUrl, adminKey: ADMIN_KEY, timeoutMs: 3_000 });

const incident = (overrides: Partial<IncidentForChecks>): IncidentForChecks => ({
  id: "incident-replay",
  correlationId: `replay-${randomUUID()}`,
  environment: "sandbox",
  tenant: "fleetco",
  vin: VINS.ava,
  accountRef: "ava.active@example.com",
  sdkName: "connected-sdk",
  sdkVersion: "4.2.1",
  apiVersion: "2025-09-01",
  appVersion: "3.4.0",
  scopes: ["openid", "vehicle:read", "vehicle:commands"],
  errorString: "",
  httpStatus: null,
  occurredAt: new Date(),
  ...overrides,
});

type ReplayEvidence = {
  mode: "replay" | "validation";
  verdict: "reproduced" | "different_outcome" | "not_comparable" | "validation";
  original: { method: string; path: string; status: number | null; vendorCode: string | null };
  replays: Array<{
    environment: string;
    exchange: {
      request: { method: string; url: string };
      response: { status: number; body: unknown } | null;
    } | null;
    curl: string | null;
  }>;
  command?: { status: string; failureCode: string | null } | null;
};

describe("replay", () => {
  it("does not replay a remote start without the SRE's confirmation: a read-only validation, never a reproduction", async () => {
    const finding = await replayCheck.run({
      incident: incident({
        vin: VINS.gus,
        accountRef: "gus.garage@example.com",
        scopes: ["vehicle:commands"],
        errorString: `status: 504 command engine_start for ${VINS.gus} timed out after 30000ms`,
        httpStatus: 504,
      }),
      vendor: vendor(),
      replayWrites: false,
    });
    const evidence = finding.evidence as ReplayEvidence;
    expect(evidence.original).toMatchObject({ method: "POST", status: 504 });
    expect(evidence.original.path).toBe(`/v1/vehicles/${VINS.gus}/commands`);
    expect(evidence.mode).toBe("validation");
    expect(evidence.verdict).toBe("validation");
    expect(finding.summary).not.toMatch(/reproduc/i);
    expect(finding.summary).toMatch(/read-only validation/i);
    const sent = evidence.replays.flatMap((replay) =>
      replay.exchange ? [replay.exchange.request.method] : [],
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((method) => method === "GET")).toBe(true);
  });

  it("with confirmation replays the command, follows it to its final state and calls a timeout a reproduction of a 504", async () => {
    const finding = await replayCheck.run({
      incident: incident({
        vin: VINS.gus,
        accountRef: "gus.garage@example.com",
        errorString: `status: 504 command engine_start for ${VINS.gus} timed out after 30000ms`,
        httpStatus: 504,
      }),
      vendor: vendor(),
      replayWrites: true,
    });
    const evidence = finding.evidence as ReplayEvidence;
    expect(evidence.mode).toBe("replay");
    expect(evidence.command?.status).toBe("timed_out");
    expect(evidence.verdict).toBe("reproduced");
    expect(finding.summary).toMatch(/reproduced/i);
  });

  it("calls a 200 for an original 403 with a vendor code a different outcome, with both side by side", async () => {
    const finding = await replayCheck.run({
      incident: incident({
        errorString: `GET /v1/vehicles/${VINS.ava}/status answered HTTP 403 {"code":"SUBSCRIPTION_INACTIVE","message":"Remote services subscription is not active"}`,
        httpStatus: 403,
      }),
      vendor: vendor(),
      replayWrites: false,
    });
    const evidence = finding.evidence as ReplayEvidence;
    expect(evidence.original).toMatchObject({
      method: "GET",
      status: 403,
      vendorCode: "SUBSCRIPTION_INACTIVE",
    });
    expect(evidence.verdict).toBe("different_outcome");
    expect(finding.summary).toMatch(/different outcome/i);
    expect(finding.summary).toContain("403 SUBSCRIPTION_INACTIVE");
    expect(finding.summary).toContain("200");
    expect(finding.signals.every((signal) => signal.weight <= 0.5)).toBe(true);
  });

  it("reproduces a read that fails the same way, keeping the vendor's code readable in the evidence", async () => {
    const fault = await harness.injectFault({
      kind: "subscription_inactive",
      target: { vin: VINS.ava },
      params: { status: "expired" },
    });
    try {
      const finding = await replayCheck.run({
        incident: incident({
          errorString: `GET /v1/vehicles/${VINS.ava}/status answered HTTP 403 {"code":"SUBSCRIPTION_INACTIVE"}`,
          httpStatus: 403,
        }),
        vendor: vendor(),
        replayWrites: false,
      });
      const evidence = finding.evidence as ReplayEvidence;
      expect(evidence.verdict).toBe("reproduced");
      const own = evidence.replays.find((replay) => replay.environment === "sandbox");
      expect(JSON.stringify(own?.exchange?.response?.body)).toContain("SUBSCRIPTION_INACTIVE");
    } finally {
      await harness.clearFault(fault);
    }
  });
});

describe("redaction", () => {
  it("masks credentials but never a vendor's error code", () => {
    expect(maskBody({ code: "FEATURE_NOT_AVAILABLE_IN_REGION", message: "x" })).toEqual({
      code: "FEATURE_NOT_AVAILABLE_IN_REGION",
      message: "x",
    });
    expect(
      maskBody({ grant_type: "authorization_code", code: "auth-code-123456789" }),
    ).toMatchObject({ code: "****6789" });
    expect(maskBody({ access_token: "abcdefghijklmnop" })).toEqual({
      access_token: "****mnop",
    });
  });
});

describe("originalCall", () => {
  it("reads the status the text names when the incident was filed without one", () => {
    const call = originalCall(
      incident({ errorString: `status: 504 command engine_start for ${VINS.gus} timed out` }),
      [],
    );
    expect(call).toMatchObject({ method: "POST", status: 504, command: "engine_start" });
  });

  it("takes the call from the vendor's request log over the text", () => {
    const call = originalCall(
      incident({ errorString: "GET /v1/account failed", httpStatus: 500 }),
      [
        { method: "GET", path: "/sandbox/v1/vehicles", status: 200 },
        {
          method: "GET",
          path: "/sandbox/v1/vehicles/X/status",
          status: 403,
          errorCode: "VEHICLE_NOT_LINKED",
        },
      ],
    );
    expect(call).toMatchObject({
      path: "/v1/vehicles/X/status",
      status: 403,
      vendorCode: "VEHICLE_NOT_LINKED",
      source: "request trace",
    });
  });

  it("names no call when neither the trace nor the text does", () => {
    expect(originalCall(incident({ errorString: "Something went wrong" }), [])).toBeNull();
  });
});
