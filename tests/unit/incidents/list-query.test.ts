import { describe, expect, it } from "vitest";
import {
  activeSavedView,
  incidentListHref,
  incidentListQuerySchema,
  parseListQueryLeniently,
  resolveOwner,
  SAVED_VIEWS,
  savedViewHref,
  searchParamsToObject,
} from "@/lib/incidents/list-query";
import { ftsQuery } from "@/lib/db/dialect";
import { actor } from "@/tests/support/factories";

describe("incident list query", () => {
  it("has defaults for a bare URL", () => {
    expect(incidentListQuerySchema.parse({})).toMatchObject({
      view: "incidents",
      sort: "oncall",
      dir: "desc",
      page: 1,
      pageSize: 25,
    });
    expect(incidentListQuerySchema.parse({ view: "groups" }).sort).toBe("count");
  });

  it("keeps good filters and names the bad ones", () => {
    const parsed = parseListQueryLeniently({
      status: "closed",
      environment: "prod",
      page: "0",
      from: "2026-13-45",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(["from", "page", "status"]);
    expect(parsed.query).toMatchObject({ environment: "prod", page: 1 });
    expect(parsed.query.status).toBeUndefined();
  });

  it("refuses a range that ends before it starts", () => {
    expect(
      incidentListQuerySchema.safeParse({ from: "2026-11-10", to: "2026-11-01" }).success,
    ).toBe(false);
  });

  it("round-trips through the URL, leaving defaults out", () => {
    const query = incidentListQuerySchema.parse({ status: "open", tenant: "fleetco" });
    const href = incidentListHref(query, { page: 2 });
    expect(href).toBe("/incidents?status=open&tenant=fleetco&page=2");
    const back = incidentListQuerySchema.parse(
      searchParamsToObject(new URL(href, "http://x").searchParams),
    );
    expect(back).toEqual({ ...query, page: 2 });
  });

  it("turns search text into quoted prefix terms", () => {
    expect(ftsQuery('rate "limit" OR *')).toBe('"rate"* "limit"* "OR"*');
    expect(ftsQuery("  ** ")).toBeNull();
  });
});

describe("on-call filters and saved views", () => {
  const parse = (search: string) =>
    incidentListQuerySchema.safeParse(searchParamsToObject(new URLSearchParams(search)));

  it("reads severities comma-separated or repeated, in severity order, without repeats", () => {
    for (const search of ["severity=sev3,sev1", "severity=sev3&severity=sev1,sev3"]) {
      const parsed = parse(search);
      expect(parsed.success && parsed.data.severity).toEqual(["sev1", "sev3"]);
    }
    // Next hands a repeated parameter over as an array.
    expect(
      searchParamsToObject({ severity: ["sev2", "sev4"], status: ["open", "resolved"] }),
    ).toEqual({ severity: "sev2,sev4", status: "open" });
  });

  it("names the parameter when a severity, owner or status is not one it knows", () => {
    const cases: Array<[string, string, string]> = [
      [
        "severity=sev1,sev9",
        "severity",
        "severity must be one or more of sev1, sev2, sev3, sev4, comma-separated",
      ],
      ["owner=someone%20else", "owner", "owner must be me, none or a user id"],
      [
        "status=closed",
        "status",
        "status must be one of open, triaging, mitigated, resolved, unresolved",
      ],
      ["sort=oncal", "sort", "sort is not a column that can be sorted"],
    ];
    for (const [search, field, message] of cases) {
      const parsed = parseListQueryLeniently(searchParamsToObject(new URLSearchParams(search)));
      expect(parsed.ok ? {} : parsed.errors).toEqual({ [field]: message });
    }
  });

  it("makes each saved view a URL that reads back as that view", () => {
    for (const view of SAVED_VIEWS) {
      const href = savedViewHref(view);
      const query = incidentListQuerySchema.parse(
        searchParamsToObject(new URL(href, "http://x").searchParams),
      );
      expect({ id: view.id, active: activeSavedView(query)?.id }).toEqual({
        id: view.id,
        active: view.id,
      });
      // What the list links to from that view (another page) keeps the view's state.
      expect(activeSavedView({ ...query, page: 3 })?.id).toBe(view.id);
    }
    const narrowed = incidentListQuerySchema.parse({ status: "unresolved", tenant: "fleetco" });
    expect(activeSavedView(narrowed)).toBeUndefined();
  });

  it("resolves owner=me to the signed-in user and refuses it for an API token", () => {
    const query = incidentListQuerySchema.parse({ owner: "me" });
    const user = actor("sre");
    expect(resolveOwner(query, user)).toEqual({ ok: true, query: { ...query, owner: user.id } });
    const token = resolveOwner(query, actor("sre", { kind: "api_token" }));
    expect(token.ok ? {} : Object.keys(token.errors)).toEqual(["owner"]);
    const none = incidentListQuerySchema.parse({ owner: "none" });
    expect(resolveOwner(none, user)).toEqual({ ok: true, query: none });
  });
});
