import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { respondOnce } from "@/lib/incidents/idempotency";
import { incidentListQuerySchema } from "@/lib/incidents/list-query";
import { incidentInputSchema, type IncidentInput } from "@/lib/incidents/schema";
import {
  changeIncidentStatus,
  createIncident,
  getIncident,
  listIncidents,
  listSignatureGroups,
  listTenants,
  updateIncident,
} from "@/lib/incidents/store";
import { incidentBody, unique } from "@/tests/support/factories";
import { userActor } from "@/tests/support/db-factories";

const input = (overrides: Record<string, unknown> = {}): IncidentInput =>
  incidentInputSchema.parse(incidentBody(overrides));
const query = (params: Record<string, unknown>) => incidentListQuerySchema.parse(params);

describe("incident store", () => {
  it("creates an incident with its signature, scope set and an audit entry", async () => {
    const sre = await userActor("sre");
    const result = await createIncident(input({ scopes: ["b", "a"] }), sre);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.incident.scopes).toEqual(["a", "b"]);
    expect(result.incident.signature).toBe(
      "status: 504 command engine_start timed out after <n>ms",
    );
    const audit = await db.auditEvent.findFirst({ where: { entityId: result.incident.id } });
    expect(audit).toMatchObject({
      action: "incident.create",
      actorLabel: sre.label,
      actorId: sre.id,
    });
  });

  it("refuses a second incident with the same correlation id and keeps the first intact", async () => {
    const first = await createIncident(
      input({ correlationId: "dup-1", title: "First" }),
      await userActor("sre"),
    );
    const second = await createIncident(
      input({ correlationId: "dup-1", title: "Second" }),
      await userActor("sre"),
    );
    expect(second).toEqual({
      ok: false,
      reason: "duplicate_correlation_id",
      existingId: first.ok ? first.incident.id : "",
    });
    expect((await db.incident.findUnique({ where: { correlationId: "dup-1" } }))?.title).toBe(
      "First",
    );
  });

  it("records before and after on edit, and a status change as audit entry and timeline event", async () => {
    const sre = await userActor("sre");
    const created = await createIncident(input(), sre);
    if (!created.ok) throw new Error("setup failed");
    const id = created.incident.id;
    await updateIncident(
      id,
      input({ correlationId: created.incident.correlationId, title: "Edited" }),
      sre,
    );
    const changed = await changeIncidentStatus(id, "triaging", sre);
    expect(changed.ok && changed.incident.status).toBe("triaging");
    const audit = await db.auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(audit.map((event) => event.action)).toEqual([
      "incident.create",
      "incident.update",
      "incident.status_change",
    ]);
    expect(JSON.parse(audit[1]!.before!).title).toBe("Remote start never arrived");
    expect(JSON.parse(audit[1]!.after!).title).toBe("Edited");
    expect(JSON.parse(audit[2]!.after!)).toEqual({ status: "triaging" });
    const [event] = await db.incidentEvent.findMany({ where: { incidentId: id } });
    expect(event).toMatchObject({ kind: "status_changed", actorLabel: sre.label });
    expect(JSON.parse(event!.data!)).toEqual({ from: "open", to: "triaging" });
  });

  it("leaves a resolved incident's status alone: reopening asks for a reason elsewhere", async () => {
    const sre = await userActor("sre");
    const created = await createIncident(input({ status: "resolved" }), sre);
    if (!created.ok) throw new Error("setup failed");
    const result = await changeIncidentStatus(created.incident.id, "triaging", sre);
    expect(result).toMatchObject({ ok: false, reason: "resolved" });
    expect((await getIncident(created.incident.id))?.status).toBe("resolved");
  });

  it("refuses an edit that would resolve or reopen: those ask for a cause or a reason", async () => {
    const sre = await userActor("sre");
    for (const [from, to] of [
      ["open", "resolved"],
      ["resolved", "triaging"],
    ] as const) {
      const created = await createIncident(input({ status: from }), sre);
      if (!created.ok) throw new Error("setup failed");
      const { id, correlationId } = created.incident;
      const edited = await updateIncident(id, input({ correlationId, status: to }), sre);
      expect(edited).toEqual({ ok: false, reason: "resolution_elsewhere" });
      expect((await getIncident(id))?.status).toBe(from);
    }
  });

  it("answers not_found for an unknown id", async () => {
    expect(await changeIncidentStatus("nope", "mitigated", await userActor("sre"))).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await getIncident("nope")).toBeNull();
  });

  it("takes 40 concurrent writers without 'database is locked' or lost writes", async () => {
    const tenant = unique("concurrent");
    const sre = await userActor("sre");
    const writes = Array.from({ length: 40 }, (_, n) =>
      createIncident(input({ tenant, correlationId: `${tenant}-${n}` }), sre),
    );
    const results = await Promise.all(writes);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await db.incident.count({ where: { tenant } })).toBe(40);
    expect(
      await db.auditEvent.count({
        where: { action: "incident.create", after: { contains: tenant } },
      }),
    ).toBe(40);
  });

  it("replays an Idempotency-Key: ten concurrent retries create one incident", async () => {
    const body = input({ correlationId: unique("idem") });
    const caller = { key: unique("caller"), apiTokenId: null };
    const sre = await userActor("sre");
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () =>
        respondOnce(caller, "key-1", body, async (tx) => {
          const result = await createIncident(body, sre, tx);
          return { status: 201, body: result.ok ? { id: result.incident.id } : result };
        }),
      ),
    );
    expect(await db.incident.count({ where: { correlationId: body.correlationId } })).toBe(1);
    expect(attempts.filter((attempt) => "replayed" in attempt && attempt.replayed)).toHaveLength(9);
    const ids = new Set(
      attempts.map((attempt) => ("body" in attempt ? (attempt.body as { id: string }).id : null)),
    );
    expect(ids.size).toBe(1);
  });

  it("refuses an Idempotency-Key reused with a different body", async () => {
    const caller = { key: unique("caller"), apiTokenId: null };
    const produce = async () => ({ status: 201, body: { ok: true } });
    await respondOnce(caller, "key-2", { a: 1 }, produce);
    expect(await respondOnce(caller, "key-2", { a: 2 }, produce)).toEqual({ conflict: true });
  });
});

describe("incident list", () => {
  it("filters, searches, sorts and pages, and counts each row's signature group", async () => {
    const tenant = unique("listing");
    const sre = await userActor("sre");
    const make = (n: number, overrides: Record<string, unknown>) =>
      createIncident(input({ tenant, correlationId: `${tenant}-${n}`, ...overrides }), sre);
    await make(1, {
      errorString: "HTTP 429 rate limit exceeded, retry after 10 seconds",
      occurredAt: "2026-11-01T10:00:00Z",
      environment: "sandbox",
    });
    await make(2, {
      errorString: "HTTP 429 rate limit exceeded, retry after 55 seconds",
      occurredAt: "2026-11-02T10:00:00Z",
    });
    await make(3, {
      errorString: "HTTP 401 invalid_token",
      occurredAt: "2026-11-03T10:00:00Z",
      status: "resolved",
    });

    const all = await listIncidents(query({ tenant, sort: "occurredAt" }));
    expect(all.total).toBe(3);
    expect(all.rows.map((row) => row.correlationId)).toEqual([
      `${tenant}-3`,
      `${tenant}-2`,
      `${tenant}-1`,
    ]);
    expect(
      all.rows.find((row) => row.correlationId === `${tenant}-1`)?.groupSize,
    ).toBeGreaterThanOrEqual(2);

    expect((await listIncidents(query({ tenant, environment: "sandbox" }))).total).toBe(1);
    expect(
      (await listIncidents(query({ tenant, status: "resolved" }))).rows[0]?.correlationId,
    ).toBe(`${tenant}-3`);
    expect(
      (await listIncidents(query({ tenant, from: "2026-11-02", to: "2026-11-02" }))).total,
    ).toBe(1);
    expect((await listIncidents(query({ tenant, q: "invalid_tok" }))).total).toBe(1);
    // A search in time order tests rows against the matches; in another order it looks them up: same answer.
    for (const sort of ["occurredAt", "severity"] as const) {
      const found = await listIncidents(query({ tenant, q: "rate limit", sort, dir: "asc" }));
      expect({
        sort,
        total: found.total,
        ids: found.rows.map((row) => row.correlationId).sort(),
      }).toEqual({ sort, total: 2, ids: [`${tenant}-1`, `${tenant}-2`] });
    }
    expect(
      (await listIncidents(query({ tenant, sort: "occurredAt", dir: "asc", pageSize: 10 }))).rows[0]
        ?.correlationId,
    ).toBe(`${tenant}-1`);
    const paged = await listIncidents(query({ tenant, pageSize: 10, page: 2 }));
    expect(paged).toMatchObject({ total: 3, rows: [] });

    const groups = await listSignatureGroups(query({ view: "groups", tenant }));
    expect(groups.total).toBe(2);
    expect(groups.rows[0]).toMatchObject({
      signature: "http 429 rate limit exceeded, retry after <n> seconds",
      count: 2,
      unresolved: 2,
      tenants: 1,
    });
  });

  it("lists each tenant once, in order, for the tenant filter", async () => {
    const prefix = unique("tenants");
    const sre = await userActor("sre");
    for (const [n, tenant] of [
      `${prefix}-b`,
      `${prefix}-a`,
      `${prefix}-b`,
      `${prefix}-c`,
    ].entries())
      await createIncident(input({ tenant, correlationId: `${prefix}-${n}` }), sre);
    const tenants = await listTenants();
    expect(tenants.filter((tenant) => tenant.startsWith(prefix))).toEqual([
      `${prefix}-a`,
      `${prefix}-b`,
      `${prefix}-c`,
    ]);
    expect(new Set(tenants).size).toBe(tenants.length);
  });

  it("treats search text as words, never as FTS syntax", async () => {
    await expect(listIncidents(query({ q: 'NEAR( "unbalanced * OR' }))).resolves.toBeDefined();
  });
});

describe("batched creation", () => {
  it("files the good items together and reports each bad or duplicate item by index", async () => {
    const { createIncidentBatchViaApi } = await import("@/lib/incidents/api-writes");
    const sre = await userActor("sre");
    const taken = await createIncident(input({ correlationId: unique("taken") }), sre);
    if (!taken.ok) throw new Error("setup failed");
    // A word no other incident holds: search terms are prefixes, so the numbers in a unique id
    // alone can match another row (a sequence of 5 matches "504" in every factory error string).
    const fresh = `${unique("fresh")}-kestrel`;
    const items = [
      incidentBody({ correlationId: fresh }),
      incidentBody({ correlationId: fresh }),
      incidentBody({ correlationId: taken.incident.correlationId }),
      incidentBody({ vin: "SHORT" }),
      incidentBody({ correlationId: unique("fresh") }),
    ];
    const outcome = await createIncidentBatchViaApi(
      items,
      { incidents: items },
      sre,
      { key: unique("caller"), apiTokenId: null },
      null,
    );
    if ("conflict" in outcome) throw new Error("unexpected conflict");
    const body = outcome.body as {
      created: number;
      failed: number;
      results: Array<{ index: number; status: number; id?: string; existingId?: string }>;
    };
    expect(body).toMatchObject({ created: 2, failed: 3 });
    expect(body.results.map((result) => result.status)).toEqual([201, 409, 409, 400, 201]);
    expect(body.results[2]?.existingId).toBe(taken.incident.id);
    const stored = await db.incident.findUniqueOrThrow({ where: { id: body.results[0]!.id! } });
    expect(stored).toMatchObject({
      correlationId: fresh,
      occurredAt: new Date("2026-11-20T10:00:00Z"),
      scopes: '["openid","vehicle:commands"]',
      reporterId: sre.id,
    });
    expect((await listIncidents(query({ q: fresh }))).rows.map((row) => row.id)).toEqual([
      stored.id,
    ]);
    expect(
      await db.auditEvent.count({
        where: { entityId: { in: [body.results[0]!.id!, body.results[4]!.id!] } },
      }),
    ).toBe(2);
  });
});

describe("on-call list", () => {
  /** Five incidents of one tenant, named by what sets their place in the on-call order. */
  async function onCallWorld() {
    const tenant = unique("oncall");
    const sre = await userActor("sre");
    const make = async (name: string, fields: Record<string, unknown>) => {
      const created = await createIncident(
        input({ tenant, correlationId: `${tenant}-${name}`, ...fields }),
        sre,
      );
      if (!created.ok) throw new Error("setup failed");
      return created.incident.id;
    };
    const ids = {
      sev3Open: await make("sev3Open", { severity: "sev3", occurredAt: "2026-11-01T10:00:00Z" }),
      sev1Resolved: await make("sev1Resolved", {
        severity: "sev1",
        status: "resolved",
        occurredAt: "2026-11-05T10:00:00Z",
      }),
      sev1OpenNew: await make("sev1OpenNew", {
        severity: "sev1",
        occurredAt: "2026-11-04T10:00:00Z",
      }),
      sev1TriagingOld: await make("sev1TriagingOld", {
        severity: "sev1",
        status: "triaging",
        occurredAt: "2026-11-02T10:00:00Z",
      }),
      sev2Mitigated: await make("sev2Mitigated", {
        severity: "sev2",
        status: "mitigated",
        occurredAt: "2026-11-03T10:00:00Z",
      }),
    };
    const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    const list = async (params: Record<string, unknown>) =>
      (await listIncidents(query({ tenant, ...params }))).rows.map((row) => names.get(row.id));
    return { ids, list, sre };
  }

  it("lists unresolved first, then the most severe, then the newest", async () => {
    const { list } = await onCallWorld();
    expect(await list({})).toEqual([
      "sev1OpenNew",
      "sev1TriagingOld",
      "sev2Mitigated",
      "sev3Open",
      "sev1Resolved",
    ]);
    // The direction does not turn the on-call order upside down.
    expect(await list({ dir: "asc" })).toEqual(await list({}));
  });

  it("keeps the on-call order under each status filter", async () => {
    const { list } = await onCallWorld();
    expect(await list({ status: "unresolved" })).toEqual([
      "sev1OpenNew",
      "sev1TriagingOld",
      "sev2Mitigated",
      "sev3Open",
    ]);
    expect(await list({ status: "open" })).toEqual(["sev1OpenNew", "sev3Open"]);
    expect(await list({ status: "resolved" })).toEqual(["sev1Resolved"]);
    expect(await list({ status: "open", sort: "occurredAt" })).toEqual(["sev1OpenNew", "sev3Open"]);
  });

  it("filters by one or several severities", async () => {
    const { list } = await onCallWorld();
    expect(await list({ severity: "sev1" })).toEqual([
      "sev1OpenNew",
      "sev1TriagingOld",
      "sev1Resolved",
    ]);
    expect(await list({ severity: "sev2,sev3" })).toEqual(["sev2Mitigated", "sev3Open"]);
  });

  it("filters by owner and unowned, and names the owner on each row", async () => {
    const { ids, list } = await onCallWorld();
    const owner = await userActor("sre");
    await db.incident.update({ where: { id: ids.sev2Mitigated }, data: { ownerId: owner.id } });
    expect(await list({ owner: owner.id })).toEqual(["sev2Mitigated"]);
    expect(await list({ owner: "none", status: "unresolved" })).toEqual([
      "sev1OpenNew",
      "sev1TriagingOld",
      "sev3Open",
    ]);
    const [row] = (await listIncidents(query({ owner: owner.id }))).rows;
    expect(row).toMatchObject({ ownerId: owner.id, ownerName: owner.label });
  });
});
