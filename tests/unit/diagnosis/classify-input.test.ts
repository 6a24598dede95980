import { describe, expect, it } from "vitest";
import { parseClassifyLine } from "@/lib/diagnosis/classify-input";

const line = (value: unknown) => JSON.stringify(value);

describe("parseClassifyLine", () => {
  it("accepts an error string with the full context", () => {
    const context = {
      httpStatus: 429,
      sdkVersion: "4.2.1",
      apiVersion: "2025-09-01",
      appVersion: "5.0",
      region: "EU",
      notes: "fleet-wide",
    };
    expect(parseClassifyLine(line({ errorString: "HTTP 429", context }))).toEqual({
      ok: true,
      input: { errorString: "HTTP 429", context },
    });
  });

  it("ignores unknown fields at the top and in the context", () => {
    const parsed = parseClassifyLine(
      line({ errorString: "boom", tenant: "x", context: { httpStatus: 500, vin: "JT" } }),
    );
    expect(parsed).toEqual({
      ok: true,
      input: { errorString: "boom", context: { httpStatus: 500 } },
    });
  });

  it("treats null context fields as absent", () => {
    const parsed = parseClassifyLine(
      line({ errorString: "boom", context: { httpStatus: null, region: null } }),
    );
    expect(parsed.ok && parsed.input.context).toEqual({});
  });

  it("strips a leading byte-order mark", () => {
    expect(parseClassifyLine(`\uFEFF${line({ errorString: "boom" })}`).ok).toBe(true);
  });

  it.each([
    ["", "empty line"],
    ["   ", "empty line"],
    ["{not json", "line is not valid JSON"],
    [line(["errorString"]), "line must be a JSON object"],
    [line({}), "errorString is required"],
    [line({ errorString: 42 }), "errorString must be a string"],
    [line({ errorString: "  " }), "errorString must not be empty"],
    [line({ errorString: "x", context: "EU" }), "context must be an object"],
    [
      line({ errorString: "x", context: { httpStatus: "429" } }),
      "context.httpStatus must be a whole number from 100 to 599",
    ],
    [
      line({ errorString: "x", context: { httpStatus: 42 } }),
      "context.httpStatus must be a whole number from 100 to 599",
    ],
    [
      line({ errorString: "x", context: { httpStatus: 429.5 } }),
      "context.httpStatus must be a whole number from 100 to 599",
    ],
    [line({ errorString: "x", context: { sdkVersion: 4 } }), "context.sdkVersion must be a string"],
  ])("rejects %j, saying %j", (input, message) => {
    const parsed = parseClassifyLine(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(message);
  });
});
