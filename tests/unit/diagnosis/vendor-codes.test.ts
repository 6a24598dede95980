import { describe, expect, it } from "vitest";
import { classifyError } from "@/lib/diagnosis/classifier";
import { SMARTCAR_CODES, smartcarCodeIn, smartcarCodeMeaning } from "@/lib/diagnosis/vendor-codes";

// How the official SDK prints an error (node_modules/smartcar/lib/smartcar-error.js).
const sdkMessage = (type: string, code: string | null, description: string) =>
  `${type}:${code} - ${description}`;

const cases = SMARTCAR_CODES.map(
  (entry) => [`${entry.type}:${entry.code ?? "null"}`, entry] as const,
);

describe("Smartcar's type and code as decisive evidence", () => {
  it.each(cases)("%s in the SDK's message ranks its cause first", (_name, entry) => {
    const text = sdkMessage(entry.type, entry.code, "Something went wrong. Please try again.");
    expect(classifyError({ errorString: text }).causes[0]!.cause).toBe(entry.cause);
    expect(smartcarCodeIn(text)?.meaning.cause).toBe(entry.cause);
  });

  it.each(cases)("%s in a pasted error envelope is read for the checks", (_name, entry) => {
    const text = `Error: ${JSON.stringify({
      type: entry.type,
      code: entry.code,
      description: "The request could not be completed.",
      statusCode: 409,
      requestId: "5dea93a1-3f79-4246-90c5-89610a20471b",
    })}`;
    expect(smartcarCodeIn(text)?.meaning.cause).toBe(entry.cause);
  });

  it("outweighs an HTTP status that points elsewhere", () => {
    const text = sdkMessage("VEHICLE_STATE", "ASLEEP", "The request could not be completed.");
    expect(
      classifyError({ errorString: text, context: { httpStatus: 401 } }).causes[0]!.cause,
    ).toBe("vehicle_connectivity");
    const quota = sdkMessage("RATE_LIMIT", "VEHICLE", "The request could not be completed.");
    expect(
      classifyError({ errorString: quota, context: { httpStatus: 403 } }).causes[0]!.cause,
    ).toBe("rate_limited");
  });

  it("reads the code-less types the SDK prints as TYPE:null or TYPE:undefined", () => {
    expect(smartcarCodeIn("PERMISSION:null - Not allowed")?.meaning.cause).toBe("missing_scope");
    expect(smartcarCodeIn("AUTHENTICATION:undefined - Unknown error")?.meaning.cause).toBe(
      "account_auth",
    );
  });

  it("tells a connected-services account permission from Smartcar's own PERMISSION", () => {
    expect(smartcarCodeMeaning("CONNECTED_SERVICES_ACCOUNT", "PERMISSION")?.cause).toBe(
      "vehicle_not_linked",
    );
    expect(smartcarCodeMeaning("PERMISSION", null)?.cause).toBe("missing_scope");
  });

  it("finds nothing in text without a documented Smartcar type", () => {
    expect(smartcarCodeIn("Error: ECONNRESET")).toBeNull();
    expect(smartcarCodeIn("TypeError: fetch failed")).toBeNull();
    expect(smartcarCodeIn("VEHICLE_STATE:DOOR_OPEN - a door is open")).toBeNull();
  });

  it("gives every code a reason and no pair twice", () => {
    const keys = SMARTCAR_CODES.map((entry) => `${entry.type}:${entry.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of SMARTCAR_CODES) expect(entry.why.length).toBeGreaterThan(20);
  });
});
