import { describe, expect, it } from "vitest";
import {
  CHANGE_KINDS,
  CHANGE_KIND_LABELS,
  changeFieldsFromForm,
  changeInputSchema,
  changeListHref,
  changeListQuerySchema,
  parseChangeListQuery,
} from "@/lib/changes/schema";
import { fieldErrors } from "@/lib/incidents/schema";
import { changeBody } from "./factories";

const errorsOf = (body: Record<string, unknown>) => {
  const parsed = changeInputSchema.safeParse(body);
  return parsed.success ? {} : fieldErrors(parsed.error);
};

describe("change input", () => {
  it("names every field that is wrong", () => {
    expect(
      errorsOf(
        changeBody({
          kind: "db_migration",
          environment: "staging",
          summary: "  ",
          tenant: "t".repeat(101),
          occurredAt: "yesterday",
        }),
      ),
    ).toEqual({
      kind: expect.stringContaining("kind must be one of sdk_bump"),
      environment: "environment must be sandbox or prod",
      summary: "summary is required",
      tenant: "tenant must be at most 100 characters",
      occurredAt: expect.stringContaining("occurredAt must be an ISO 8601 date-time"),
    });
    expect(errorsOf({ kind: "sdk_bump", environment: "prod" })).toEqual({
      summary: "summary is required",
    });
  });

  it("takes a few minutes of clock skew but refuses a change dated in the future", () => {
    const inTwoMinutes = new Date(Date.now() + 2 * 60_000).toISOString();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    expect(changeInputSchema.safeParse(changeBody({ occurredAt: inTwoMinutes })).success).toBe(
      true,
    );
    expect(errorsOf(changeBody({ occurredAt: inAnHour }))).toEqual({
      occurredAt: "occurredAt must not be in the future",
    });
  });

  it("defaults occurredAt to now and reads a blank tenant as the whole environment", () => {
    const before = Date.now();
    const parsed = changeInputSchema.parse(
      changeBody({ occurredAt: undefined, tenant: "  ", details: "" }),
    );
    expect(parsed.occurredAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(parsed.occurredAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(parsed.tenant).toBeNull();
    expect(parsed.details).toBeNull();
  });

  it("reads the form's datetime-local as UTC and its blanks as absent", () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      kind: "key_rotation",
      environment: "sandbox",
      tenant: "",
      summary: "Rotated key",
      details: "",
      occurredAt: "2026-11-20T08:30",
    }))
      form.set(name, value);
    const parsed = changeInputSchema.parse(changeFieldsFromForm(form));
    expect(parsed).toMatchObject({
      kind: "key_rotation",
      environment: "sandbox",
      tenant: null,
      details: null,
      summary: "Rotated key",
    });
    expect(parsed.occurredAt.toISOString()).toBe("2026-11-20T08:30:00.000Z");
  });

  it("labels every kind in plain English", () => {
    expect(CHANGE_KINDS.map((kind) => CHANGE_KIND_LABELS[kind])).toEqual([
      "SDK bump",
      "API version pin",
      "Key rotation",
      "Token regeneration",
      "OAuth relink",
      "Scope change",
      "Policy change",
      "Tenant move",
      "App release",
    ]);
  });
});

describe("change list query", () => {
  it("names an unknown kind, and a range that ends before it starts", () => {
    const errors = (params: Record<string, unknown>) => {
      const parsed = changeListQuerySchema.safeParse(params);
      return parsed.success ? {} : fieldErrors(parsed.error);
    };
    expect(errors({ kind: "reboot" })).toEqual({
      kind: expect.stringContaining("kind must be one of"),
    });
    expect(errors({ from: "2026-11-20", to: "2026-11-19" })).toEqual({
      from: "from must be on or before to",
    });
    expect(errors({ from: "2026-11-20", to: "2026-11-20" })).toEqual({});
  });

  it("on a page, drops only the bad filters and keeps the rest in links", () => {
    const { query, errors } = parseChangeListQuery({
      environment: "prod",
      kind: "reboot",
      page: "2",
    });
    expect(errors).toEqual({ kind: expect.stringContaining("kind must be one of") });
    expect(query).toEqual({ environment: "prod", page: 2 });
    expect(changeListHref(query, { page: 1 })).toBe("/changes?environment=prod");
    expect(changeListHref(query, { page: 3 })).toBe("/changes?environment=prod&page=3");
  });
});
