import { describe, expect, it } from "vitest";
import {
  fieldErrors,
  incidentFieldsFromForm,
  incidentInputSchema,
  vinSchema,
} from "@/lib/incidents/schema";
import { incidentBody } from "@/tests/support/factories";

const errorsFor = (body: Record<string, unknown>) => {
  const parsed = incidentInputSchema.safeParse(body);
  return parsed.success ? {} : fieldErrors(parsed.error);
};

describe("vinSchema", () => {
  it("accepts 17 characters and upper-cases them", () => {
    expect(vinSchema.parse(" jtmbfrev0hd123456 ")).toBe("JTMBFREV0HD123456");
  });

  it.each([
    "JTMBFREV0HD12345",
    "JTMBFREV0HD1234567",
    "JTMBFREV0HD12345O",
    "ITMBFREV0HD123456",
    "QTMBFREV0HD123456",
    "JTMBFREV0HD-23456",
  ])("refuses %s", (vin) => expect(vinSchema.safeParse(vin).success).toBe(false));
});

describe("incidentInputSchema", () => {
  it("accepts a complete incident and stores scopes as a sorted set", () => {
    const parsed = incidentInputSchema.parse(
      incidentBody({ scopes: ["vehicle:read", "openid", "vehicle:read"] }),
    );
    expect(parsed.scopes).toEqual(["openid", "vehicle:read"]);
    expect(parsed.occurredAt).toEqual(new Date("2026-11-20T10:00:00Z"));
    expect(parsed.status).toBe("open");
  });

  it("names each missing required field", () => {
    expect(errorsFor({})).toMatchObject({
      correlationId: "correlationId is required",
      title: "title is required",
      tenant: "tenant is required",
      errorString: "errorString is required",
      environment: "environment must be sandbox or prod",
    });
  });

  it("names a wrong type rather than calling it missing", () => {
    expect(errorsFor(incidentBody({ title: 42 })).title).toBe("title must be text");
    expect(errorsFor(incidentBody({ httpStatus: "429" })).httpStatus).toBe(
      "httpStatus must be a number",
    );
    expect(errorsFor(incidentBody({ scopes: "openid profile" })).scopes).toBe(
      "scopes must be an array of strings",
    );
  });

  it("refuses an HTTP status outside 100-599, a scope with spaces and a future time", () => {
    expect(errorsFor(incidentBody({ httpStatus: 700 })).httpStatus).toMatch(/between 100 and 599/);
    expect(errorsFor(incidentBody({ scopes: ["ok", "not ok"] }))["scopes.1"]).toMatch(
      /without spaces/,
    );
    expect(errorsFor(incidentBody({ occurredAt: "2999-01-01T00:00:00Z" })).occurredAt).toBe(
      "occurredAt must not be in the future",
    );
  });

  it("refuses a blank error string and unknown enum values", () => {
    expect(errorsFor(incidentBody({ errorString: "   " })).errorString).toBe(
      "errorString is required",
    );
    expect(errorsFor(incidentBody({ severity: "critical" })).severity).toMatch(/sev1/);
    expect(errorsFor(incidentBody({ status: "closed" })).status).toMatch(/open, triaging/);
  });
});

describe("incidentFieldsFromForm", () => {
  it("splits scopes, reads the status as a number, treats the time as UTC and drops blanks", () => {
    const form = new FormData();
    form.set("scopes", "openid, vehicle:read  vehicle:read");
    form.set("httpStatus", "429");
    form.set("occurredAt", "2026-11-20T10:00");
    form.set("vin", "");
    const fields = incidentFieldsFromForm(form);
    expect(fields).toMatchObject({
      scopes: ["openid", "vehicle:read", "vehicle:read"],
      httpStatus: 429,
      occurredAt: "2026-11-20T10:00:00Z",
      vin: undefined,
    });
    expect(incidentInputSchema.shape.occurredAt.parse(fields.occurredAt)).toEqual(
      new Date("2026-11-20T10:00:00Z"),
    );
  });

  it("keeps a non-numeric HTTP status as text so the error names it", () => {
    const form = new FormData();
    form.set("httpStatus", "four-oh-one");
    expect(
      errorsFor({ ...incidentBody(), httpStatus: incidentFieldsFromForm(form).httpStatus })
        .httpStatus,
    ).toBe("httpStatus must be a number");
  });
});
