// The vendor's request log keeps entries compactly (one column per field, headers packed into one
// string) so writing it costs little on every request; reading must still give back each entry as
// it was, masked, newest first, within the log's bound.
import { describe, expect, it } from "vitest";
import { RequestLog, type RequestLogRecord } from "@/lib/simulator/request-log";
import { maskHeaders } from "@/lib/security/secrets";

const record = (overrides: Partial<RequestLogRecord> = {}): RequestLogRecord => ({
  atMs: Date.parse("2026-12-03T03:00:00.000Z"),
  environment: "sandbox",
  method: "GET",
  path: "/sandbox/v1/account",
  status: 200,
  latencyMs: 1.23456,
  correlationId: "corr-1",
  tenant: "fleetco",
  accountId: "acc_ava",
  errorCode: null,
  requestHeaders: {
    host: "127.0.0.1",
    "x-api-key": "key_sandbox_fleetco",
    authorization: "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhY2NfYXZhIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ",
    "x-short-secret": "abc",
    accept: ["application/json", "text/plain"],
    "x-empty": "",
    absent: undefined,
  },
  responseHeaders: { "x-ratelimit-remaining": 9, "content-type": "application/json" },
  ...overrides,
});

describe("request log", () => {
  it("gives an entry back as written: headers shown as maskHeaders shows them, latency to 0.01 ms", () => {
    const log = new RequestLog(10);
    log.add(record());
    const [entry] = log.search({ limit: 10 });
    expect(entry).toEqual({
      at: "2026-12-03T03:00:00.000Z",
      environment: "sandbox",
      method: "GET",
      path: "/sandbox/v1/account",
      status: 200,
      latencyMs: 1.23,
      correlationId: "corr-1",
      tenant: "fleetco",
      accountId: "acc_ava",
      errorCode: null,
      // Exactly what masking the headers as they were handed in shows.
      requestHeaders: maskHeaders(record().requestHeaders),
      responseHeaders: { "x-ratelimit-remaining": "9", "content-type": "application/json" },
    });
    expect(entry!.requestHeaders).toMatchObject({ accept: "application/json, text/plain" });
    expect(entry!.requestHeaders["x-api-key"]).not.toContain("key_sandbox_fleetco");
    expect(entry!.requestHeaders.authorization).toMatch(/^Bearer \*{4}/);
    expect(entry!.requestHeaders.authorization).not.toContain("eyJ");
    expect(entry!.requestHeaders).not.toHaveProperty("absent");
    expect(entry).not.toHaveProperty("face");
  });

  it("keeps the Smartcar face's fields on its entries only", () => {
    const log = new RequestLog(10);
    log.add(record({ correlationId: "toyota" }));
    log.add(
      record({
        correlationId: "sc",
        face: "smartcar",
        vehicleId: "veh_1",
        userId: "user_1",
        errorType: null,
      }),
    );
    expect(log.search({ face: "smartcar", limit: 10 })).toEqual([
      expect.objectContaining({
        correlationId: "sc",
        face: "smartcar",
        vehicleId: "veh_1",
        userId: "user_1",
        errorType: null,
      }),
    ]);
    expect(
      log.search({ vehicleId: "veh_1", limit: 10 }).map((entry) => entry.correlationId),
    ).toEqual(["sc"]);
    expect(log.search({ correlationId: "toyota", limit: 10 })[0]).not.toHaveProperty("face");
  });

  it("answers newest first and lets the oldest entries fall off at its bound", () => {
    const log = new RequestLog(3);
    for (let index = 1; index <= 5; index++)
      log.add(record({ correlationId: `corr-${index}`, atMs: 1_000 * index }));
    expect(log.size).toBe(3);
    expect(log.search({ limit: 10 }).map((entry) => entry.correlationId)).toEqual([
      "corr-5",
      "corr-4",
      "corr-3",
    ]);
    expect(log.search({ correlationId: "corr-1", limit: 10 })).toEqual([]);
    expect(
      log.search({ since: new Date(4_000), limit: 10 }).map((entry) => entry.correlationId),
    ).toEqual(["corr-5", "corr-4"]);
    expect(log.search({ limit: 1 })).toHaveLength(1);
  });

  it("is empty after clear and fills again from the start", () => {
    const log = new RequestLog(3);
    log.add(record({ correlationId: "before" }));
    log.clear();
    expect(log.search({ limit: 10 })).toEqual([]);
    log.add(record({ correlationId: "after" }));
    expect(log.search({ limit: 10 }).map((entry) => entry.correlationId)).toEqual(["after"]);
  });
});
