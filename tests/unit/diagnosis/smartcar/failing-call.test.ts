// Which call failed, through a Smartcar connection: the request log entry with the SDK's request
// id, else the failed call nearest the incident's time (never one the checks made themselves),
// else a call the text names; and the permission each endpoint needs.
import { describe, expect, it } from "vitest";
import { failingCall, failingEntry } from "@/lib/diagnosis/smartcar/failing-call";
import type { SmartcarLogEntry } from "@/lib/diagnosis/smartcar/gateway";
import { permissionFor, versionedPath } from "@/lib/diagnosis/smartcar/permissions";

const at = new Date("2026-12-02T10:00:00.000Z");
const entry = (overrides: Partial<SmartcarLogEntry>): SmartcarLogEntry => ({
  at: at.toISOString(),
  method: "GET",
  path: "/smartcar/sandbox/v2.0/vehicles/veh-1/odometer",
  status: 409,
  latencyMs: 3,
  requestId: "req-1",
  vehicleId: "veh-1",
  userId: "user-1",
  errorType: "VEHICLE_STATE",
  errorCode: "ASLEEP",
  ...overrides,
});
const later = new Date(at.getTime() + 60_000);

describe("the failing call through a Smartcar connection", () => {
  it("takes the entry whose request id the incident carries", () => {
    const entries = [
      entry({ requestId: "req-0", at: at.toISOString() }),
      entry({ requestId: "req-9", at: "2026-12-02T09:00:00.000Z" }),
    ];
    expect(
      failingEntry({ correlationId: "req-9", occurredAt: at }, entries, later)?.requestId,
    ).toBe("req-9");
  });

  it("else takes the failed call nearest the incident's time", () => {
    const entries = [
      entry({ requestId: "ok", status: 200, errorType: null, errorCode: null }),
      entry({ requestId: "far", at: new Date(at.getTime() - 4_000).toISOString() }),
      entry({ requestId: "near", at: new Date(at.getTime() + 500).toISOString() }),
    ];
    expect(failingEntry({ correlationId: "none", occurredAt: at }, entries, later)?.requestId).toBe(
      "near",
    );
  });

  it("never takes a call made after the checks began, nor one far from the incident", () => {
    const entries = [
      entry({ requestId: "ours", at: new Date(at.getTime() + 2_000).toISOString() }),
      entry({ requestId: "old", at: new Date(at.getTime() - 60_000).toISOString() }),
    ];
    expect(
      failingEntry(
        { correlationId: "none", occurredAt: at },
        entries,
        new Date(at.getTime() + 1_000),
      ),
    ).toBeNull();
  });

  it("takes only the linked user's calls when searching by time", () => {
    const entries = [
      entry({ requestId: "someone-else", userId: "user-2", at: at.toISOString() }),
      entry({
        requestId: "theirs",
        userId: "user-1",
        at: new Date(at.getTime() + 1_500).toISOString(),
      }),
    ];
    expect(
      failingEntry({ correlationId: "none", occurredAt: at }, entries, later, "user-1")?.requestId,
    ).toBe("theirs");
    expect(
      failingEntry({ correlationId: "none", occurredAt: at }, entries, later, "user-3"),
    ).toBeNull();
  });

  it("reads the call from its log entry with the type and code Smartcar recorded", () => {
    expect(failingCall({ errorString: "x", httpStatus: null }, entry({}))).toEqual({
      method: "GET",
      path: "/v2.0/vehicles/veh-1/odometer",
      status: 409,
      vendorCode: "VEHICLE_STATE:ASLEEP",
      requestId: "req-1",
      source: "request log",
    });
  });

  it("else reads a call the error text names, with the code it quotes", () => {
    expect(
      failingCall(
        {
          errorString:
            "POST https://api.smartcar.com/v2.0/vehicles/v9/security failed: RATE_LIMIT:VEHICLE - slow down",
          httpStatus: 429,
        },
        null,
      ),
    ).toMatchObject({
      method: "POST",
      path: "/v2.0/vehicles/v9/security",
      status: 429,
      vendorCode: "RATE_LIMIT:VEHICLE",
      source: "incident",
    });
    expect(
      failingCall({ errorString: "VEHICLE_STATE:ASLEEP - asleep", httpStatus: 409 }, null),
    ).toBeNull();
  });

  it("knows the permission each endpoint needs, and that listing needs none", () => {
    expect(permissionFor("GET", "/v2.0/vehicles/veh-1/odometer")).toBe("read_odometer");
    expect(permissionFor("POST", "/v2.0/vehicles/veh-1/security")).toBe("control_security");
    expect(permissionFor("GET", "/v2.0/vehicles/veh-1/security")).toBe("read_security");
    expect(permissionFor("GET", "/v2.0/vehicles/veh-1")).toBe("read_vehicle_info");
    expect(permissionFor("GET", "/v2.0/vehicles")).toBeNull();
    expect(permissionFor("GET", "/v2.0/vehicles/veh-1/permissions")).toBeNull();
    expect(versionedPath("/smartcar/prod/v2.0/user")).toBe("/v2.0/user");
  });
});
