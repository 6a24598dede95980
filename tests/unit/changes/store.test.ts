import { beforeEach, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/changes/route";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { changeListQuerySchema } from "@/lib/changes/schema";
import { listChanges } from "@/lib/changes/store";
import { db } from "@/lib/db/client";
import { userActor } from "@/tests/support/db-factories";
import { changeBody, recordChange } from "./factories";

// Change events steer the diagnosis check of any incident filed later; start every test clean.
beforeEach(async () => {
  await db.changeEvent.deleteMany({});
});

const query = (params: Record<string, unknown>) => changeListQuerySchema.parse(params);

async function bearer(role: Role): Promise<string> {
  const admin = await userActor("admin");
  return `Bearer ${(await createApiToken({ name: `changes-${role}`, role }, admin)).token}`;
}

const post = async (role: Role, body: unknown) =>
  createRoute(
    new Request("http://pitstop.test/api/v1/changes", {
      method: "POST",
      headers: { authorization: await bearer(role), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

describe("change store", () => {
  it("records a manual change with who recorded it and an audit entry in the same write", async () => {
    const sre = await userActor("sre");
    const change = await recordChange(sre, { kind: "key_rotation", tenant: null });
    expect(change).toMatchObject({
      kind: "key_rotation",
      source: "manual",
      tenant: null,
      createdBy: sre.label,
      externalId: null,
    });
    const audit = await db.auditEvent.findFirst({ where: { entityId: change.id } });
    expect(audit).toMatchObject({ action: "change.create", entityType: "change", actorId: sre.id });
    expect(JSON.parse(audit!.after!)).toMatchObject({
      kind: "key_rotation",
      summary: change.summary,
    });
  });

  it("filters by environment, kind, tenant and a date range whose last day is whole", async () => {
    const sre = await userActor("sre");
    await recordChange(sre, {
      environment: "prod",
      kind: "sdk_bump",
      occurredAt: "2026-11-18T23:59:59Z",
    });
    const inRange = await recordChange(sre, {
      environment: "prod",
      kind: "scope_change",
      occurredAt: "2026-11-20T23:59:59Z",
    });
    await recordChange(sre, {
      environment: "sandbox",
      kind: "scope_change",
      occurredAt: "2026-11-20T10:00:00Z",
    });
    await recordChange(sre, {
      environment: "prod",
      kind: "scope_change",
      tenant: "drivewise",
      occurredAt: "2026-11-20T10:00:00Z",
    });
    await recordChange(sre, {
      environment: "prod",
      kind: "scope_change",
      occurredAt: "2026-11-21T00:00:00Z",
    });

    const found = await listChanges(
      query({
        environment: "prod",
        kind: "scope_change",
        tenant: "fleetco",
        from: "2026-11-19",
        to: "2026-11-20",
      }),
    );
    expect(found.rows.map((row) => row.id)).toEqual([inRange.id]);
    expect(found.total).toBe(1);
    expect((await listChanges(query({}))).rows.map((row) => row.occurredAt.toISOString())).toEqual([
      "2026-11-21T00:00:00.000Z",
      "2026-11-20T23:59:59.000Z",
      "2026-11-20T10:00:00.000Z",
      "2026-11-20T10:00:00.000Z",
      "2026-11-18T23:59:59.000Z",
    ]);
  });
});

describe("/api/v1/changes", () => {
  it("creates a change for an SRE token (201) and lists it for a manager", async () => {
    const created = await post(
      "sre",
      changeBody({ kind: "api_version_pin", summary: "Pinned x-api-version 2025-09-01" }),
    );
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({
      kind: "api_version_pin",
      source: "manual",
      occurredAt: "2026-11-20T08:00:00.000Z",
    });
    expect(
      await db.auditEvent.count({
        where: { entityId: body.id, action: "change.create", actorType: "api_token" },
      }),
    ).toBe(1);

    const listed = await listRoute(
      new Request("http://pitstop.test/api/v1/changes?kind=api_version_pin", {
        headers: { authorization: await bearer("manager") },
      }),
    );
    expect(listed.status).toBe(200);
    expect((await listed.json()).items.map((item: { id: string }) => item.id)).toEqual([body.id]);
  });

  it("answers 400 naming the field, and 403 for roles that may only read", async () => {
    const bad = await post("sre", changeBody({ kind: "reboot", summary: "" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toEqual({
      kind: expect.stringContaining("kind must be one of"),
      summary: "summary is required",
    });
    for (const role of ["manager", "support_lead"] as const)
      expect((await post(role, changeBody())).status).toBe(403);
    expect(await db.changeEvent.count()).toBe(0);
  });

  it("answers 400 for a bad filter instead of ignoring it", async () => {
    const answer = await listRoute(
      new Request("http://pitstop.test/api/v1/changes?from=20-11-2026", {
        headers: { authorization: await bearer("sre") },
      }),
    );
    expect(answer.status).toBe(400);
    expect((await answer.json()).fields).toEqual({
      from: "from must be a real date like 2026-11-23",
    });
  });
});

describe("OpenAPI document", () => {
  it("describes the change routes and the input the API validates", () => {
    const document = openApiDocument();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/v1/changes", "/api/v1/changes/import"]),
    );
    const input = document.components.schemas.ChangeInput as {
      required?: string[];
      properties: Record<string, { enum?: string[] }>;
    };
    expect(input.required).toEqual(expect.arrayContaining(["kind", "environment", "summary"]));
    expect(input.properties.kind!.enum).toContain("token_regeneration");
  });
});
