import { describe, expect, it } from "vitest";
import {
  ftsQuery,
  incidentListHref,
  incidentListQuerySchema,
  parseListQueryLeniently,
  searchParamsToObject,
} from "@/lib/incidents/list-query";

describe("incident list query", () => {
  it("has defaults for a bare URL", () => {
    expect(incidentListQuerySchema.parse({})).toMatchObject({
      view: "incidents",
      sort: "occurredAt",
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
