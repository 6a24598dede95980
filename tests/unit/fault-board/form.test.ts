// The fault board's form is derived from the simulator's own schemas, and what it sends is
// checked with the same schema: a field per parameter of each kind, errors naming the field.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  faultForm,
  faultFormErrors,
  faultInputFromForm,
  fieldLabel,
  type FaultField,
} from "@/lib/fault-board/form";
import { faultRequestSchema } from "@/lib/fault-board/schema";
import { FAULT_KINDS, FAULT_PARAMS } from "@/lib/simulator/faults";

const form = faultForm();
const fieldsOf = (kind: string) => form.kinds.find((candidate) => candidate.kind === kind)!.fields;
const field = (fields: FaultField[], name: string) => fields.find((f) => f.name === name);

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("the fault form, derived from the simulator's schema", () => {
  it("has one form per fault kind, with a field for each of the kind's parameters", () => {
    expect(form.kinds.map((entry) => entry.kind)).toEqual(FAULT_KINDS);
    for (const kind of FAULT_KINDS) {
      const shape = (FAULT_PARAMS[kind] as unknown as z.ZodObject).shape;
      expect(
        fieldsOf(kind).map((f) => f.name),
        kind,
      ).toEqual(Object.keys(shape).map((key) => `params.${key}`));
    }
  });

  it("takes each parameter's choices, bounds and default from the schema", () => {
    expect(field(fieldsOf("server_outage"), "params.mode")).toMatchObject({
      type: "choice",
      options: ["unavailable", "timeout", "maintenance"],
      defaultValue: "unavailable",
      label: "Mode",
    });
    expect(field(fieldsOf("server_outage"), "params.holdMs")).toMatchObject({
      type: "number",
      integer: true,
      min: 0,
      max: 120_000,
      defaultValue: "30000",
      label: "Hold (ms)",
    });
    expect(field(fieldsOf("server_outage"), "params.pathPrefix")).toMatchObject({
      type: "text",
      maxLength: 200,
      required: false,
    });
    expect(field(fieldsOf("rate_limited"), "params.limit")).toMatchObject({
      type: "number",
      required: true,
      min: 1,
      max: 100_000,
    });
    expect(field(fieldsOf("error_rate"), "params.status")).toMatchObject({
      type: "choice",
      numeric: true,
      options: ["500", "502", "503", "504"],
      defaultValue: "500",
    });
    expect(field(fieldsOf("latency"), "params.medianMs")).toMatchObject({
      type: "number",
      integer: false,
    });
    expect(fieldsOf("account_auth")[0]).toMatchObject({ required: true, defaultValue: undefined });
  });

  it("has the environment, target, duration and note every kind shares", () => {
    expect(form.common.map((f) => [f.name, f.label])).toEqual([
      ["environment", "Environment"],
      ["face", "Face"],
      ["target.tenant", "Tenant"],
      ["target.account", "Account"],
      ["target.vin", "VIN"],
      ["durationS", "Duration (s)"],
      ["note", "Note"],
    ]);
    expect(field(form.common, "environment")).toMatchObject({
      type: "choice",
      options: ["sandbox", "prod"],
      required: true,
    });
    expect(field(form.common, "face")).toMatchObject({
      type: "choice",
      options: ["toyota", "smartcar"],
      required: false,
    });
    expect(field(form.common, "durationS")).toMatchObject({
      type: "number",
      defaultValue: "3600",
      min: 1,
      max: 7 * 86_400,
    });
  });

  it("labels fields in words", () => {
    expect(fieldLabel("params.sunsetApiVersion")).toBe("Sunset API version");
    expect(fieldLabel("params.p99Ms")).toBe("P99 (ms)");
    expect(fieldLabel("params.windowS")).toBe("Window (s)");
    expect(fieldLabel("params")).toBe("Parameters");
  });
});

describe("a submitted fault form", () => {
  it("becomes the fault input: numbers as numbers, target nested, blanks left to the defaults", () => {
    const parsed = faultRequestSchema.parse(
      faultInputFromForm(
        formData({
          kind: "rate_limited",
          environment: "prod",
          "target.tenant": "loadlab",
          "target.account": "",
          durationS: "120",
          "params.limit": "5",
          "params.windowS": "",
          // Another kind's field, left in the form by the browser: not sent.
          "params.holdMs": "10",
        }),
      ),
    );
    expect(parsed).toEqual({
      kind: "rate_limited",
      environment: "prod",
      target: { tenant: "loadlab" },
      durationS: 120,
      params: { limit: 5, windowS: 1, per: "vehicle" },
    });
  });

  it("sends an error-rate status choice as the number the schema wants", () => {
    const parsed = faultRequestSchema.parse(
      faultInputFromForm(
        formData({
          kind: "error_rate",
          environment: "sandbox",
          "params.rate": "0.5",
          "params.status": "503",
        }),
      ),
    );
    expect(parsed.params).toEqual({ rate: 0.5, status: 503 });
  });

  it("is refused with an error naming each wrong field", () => {
    const base = { kind: "server_outage", environment: "sandbox" };
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ "params.holdMs": "999999" }, "params.holdMs", /^Hold \(ms\): .*120000/],
      [{ "params.holdMs": "soon" }, "params.holdMs", /^Hold \(ms\): .*number/],
      [{ "params.mode": "meltdown" }, "params.mode", /^Mode: /],
      [{ "params.pathPrefix": "v1" }, "params.pathPrefix", /^Path prefix: .*"\/"/],
      [{ "target.vin": "ABC" }, "target.vin", /^vin must be 17 characters/],
      [{ durationS: "0" }, "durationS", /^Duration \(s\): /],
      [{ environment: "" }, "environment", /^environment must be sandbox or prod/],
      [{ kind: "meteor" }, "kind", /^kind must be one of subscription_inactive/],
      [{ note: "drill\u0007" }, "note", /^note must be one line/],
      [{ kind: "rate_limited" }, "params.limit", /^Limit: /],
      [
        { kind: "latency", "params.medianMs": "500", "params.p99Ms": "100" },
        "params",
        /^Parameters: p99Ms must be at least medianMs/,
      ],
    ];
    for (const [fields, name, message] of cases) {
      const result = faultRequestSchema.safeParse(
        faultInputFromForm(formData({ ...base, ...fields })),
      );
      expect(result.success, name).toBe(false);
      expect(faultFormErrors(result.error!)[name], name).toMatch(message);
    }
  });
});
