import { describe, expect, it } from "vitest";
import { incidentSignature } from "@/lib/incidents/signature";

describe("incidentSignature", () => {
  it("groups repeats that differ only in VIN, request id and timestamp", () => {
    const first = incidentSignature(
      "Couldn't pair your vehicle (VIN JTMBFREV0HD123456, req-83741) at 2026-11-20T10:01:02Z",
    );
    const second = incidentSignature(
      "Couldn't pair your vehicle (VIN 2T3W1RFV8MW654321, req-1) at 2026-11-21T23:59:59.123+01:00",
    );
    expect(first).toBe(second);
    expect(first).toBe("couldn't pair your vehicle (vin <vin>, <id>) at <time>");
  });

  it("keeps HTTP status codes so a 401 and a 429 stay apart", () => {
    expect(incidentSignature("HTTP 401 Unauthorized")).not.toBe(
      incidentSignature("HTTP 429 Unauthorized"),
    );
    expect(incidentSignature("upstream answered status: 503 after 1200ms")).toBe(
      "upstream answered status: 503 after <n>ms",
    );
  });

  it("keeps vendor error codes but drops bare numbers", () => {
    expect(incidentSignature("TSC-4031 subscription inactive, retry in 30 seconds")).toBe(
      "tsc-4031 subscription inactive, retry in <n> seconds",
    );
  });

  it("replaces UUIDs, JWTs (masked first), emails, IP addresses, URLs and hex ids", () => {
    const signature = incidentSignature(
      "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl for bob@example.com from 10.1.2.3:443 " +
        "calling https://api.example.com/v2/vehicles?vin=X trace 9f8e7d6c5b4a id 3f2a1b4c-1111-2222-3333-444455556666",
    );
    expect(signature).toBe(
      "token <secret> for <email> from <ip> calling <url> trace <hex> id <uuid>",
    );
  });

  it("replaces versions and account ids", () => {
    expect(incidentSignature("SDK 4.2.1 rejected for acct_12345")).toBe(
      "sdk <version> rejected for <id>",
    );
  });

  it("collapses whitespace and case", () => {
    expect(incidentSignature("  Token\n\tEXPIRED  ")).toBe("token expired");
  });

  it("bounds the signature's length", () => {
    expect(incidentSignature("x".repeat(5_000)).length).toBeLessThanOrEqual(400);
  });
});
