// /api/v1/vendor-connections: admin only, secrets accepted but never answered, refusals naming
// the field, deletes refused while in use, the test call by call, and incidents naming a
// connection (an unknown one refused naming vendorConnectionId).
import { beforeEach, describe, expect, it } from "vitest";
import { POST as createIncident } from "@/app/api/v1/incidents/route";
import { GET as getIncident } from "@/app/api/v1/incidents/[id]/route";
import {
  DELETE as remove,
  GET as getOne,
  PATCH as patch,
} from "@/app/api/v1/vendor-connections/[id]/route";
import { POST as test } from "@/app/api/v1/vendor-connections/[id]/test/route";
import { GET as list, POST as create } from "@/app/api/v1/vendor-connections/route";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { incidentBody, unique } from "@/tests/support/factories";
import { clearVendorData, json, startVendor, uniqueName } from "../vendors/support";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const system = { kind: "system", label: "vendor api test" } as const;
const tokens = new Map<Role, string>();
const SECRET = "sc-secret-for-api-test-0042";

async function tokenFor(role: Role) {
  if (!tokens.has(role))
    tokens.set(role, (await createApiToken({ name: `vendors-${role}`, role }, system)).token);
  return tokens.get(role)!;
}

async function call(
  handler: (request: Request, context: never) => Promise<Response>,
  {
    role = "admin",
    method = "GET",
    body,
    id,
  }: { role?: Role; method?: string; body?: unknown; id?: string } = {},
) {
  const request = new Request("http://pitstop.test/api/v1/vendor-connections", {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(role)}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve({ id }) } as never);
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : null) as Json };
}

beforeEach(clearVendorData);

const smartcar = (overrides: Record<string, unknown> = {}) => ({
  name: uniqueName("Smartcar"),
  kind: "smartcar",
  environment: "sandbox",
  baseUrl: "http://127.0.0.1:9/smartcar/sandbox",
  clientId: "client-1",
  clientSecret: SECRET,
  ...overrides,
});

describe("/api/v1/vendor-connections", () => {
  it("creates with 201 and never answers a secret, in the create, the list or the read", async () => {
    const created = await call(create, {
      method: "POST",
      body: smartcar({ managementToken: "amt-api-test-0099" }),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      kind: "smartcar",
      secrets: { clientSecret: true, managementToken: true, adminKey: false, tenantKeys: false },
      origins: { authOrigin: "http://127.0.0.1:9/smartcar/sandbox" },
    });
    const listed = await call(list);
    const read = await call(getOne, { id: created.json.id });
    for (const answer of [created, listed, read]) {
      expect(JSON.stringify(answer.json)).not.toContain(SECRET);
      expect(JSON.stringify(answer.json)).not.toContain("amt-api-test-0099");
    }
    expect(listed.json.items.map((item: Json) => item.id)).toContain(created.json.id);
  });

  it("refuses other roles, and bad input naming the field", async () => {
    for (const role of ["sre", "support_lead", "manager"] as const)
      expect((await call(list, { role })).status).toBe(403);
    const bad = await call(create, {
      method: "POST",
      body: smartcar({ baseUrl: "javascript:alert(1)", clientSecret: undefined }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toHaveProperty("baseUrl");
    const missing = await call(create, {
      method: "POST",
      body: smartcar({ clientSecret: undefined }),
    });
    expect(missing).toMatchObject({
      status: 400,
      json: { fields: { clientSecret: "clientSecret is required for a Smartcar connection" } },
    });
  });

  it("keeps a secret a PATCH leaves out, and refuses deleting a connection an incident names", async () => {
    const created = await call(create, { method: "POST", body: smartcar() });
    const id = created.json.id as string;
    const renamed = await call(patch, { method: "PATCH", id, body: { name: `Renamed ${id}` } });
    expect(renamed).toMatchObject({
      status: 200,
      json: { name: `Renamed ${id}`, secrets: { clientSecret: true } },
    });

    const unknown = await call(createIncident, {
      role: "sre",
      method: "POST",
      body: incidentBody({ correlationId: unique("vc"), vendorConnectionId: "no-such-connection" }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.fields.vendorConnectionId).toMatch(/names no vendor connection/);

    const incident = await call(createIncident, {
      role: "sre",
      method: "POST",
      body: incidentBody({ correlationId: unique("vc"), vendorConnectionId: id }),
    });
    expect(incident).toMatchObject({ status: 201, json: { vendorConnectionId: id } });
    expect(
      (await call(getIncident, { role: "sre", id: incident.json.id })).json.vendorConnectionId,
    ).toBe(id);
    const refused = await call(remove, { method: "DELETE", id });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/named by 1 incident/);
    await db.incident.update({
      where: { id: incident.json.id },
      data: { vendorConnectionId: null },
    });
    expect((await call(remove, { method: "DELETE", id })).status).toBe(204);
    expect((await call(getOne, { id })).status).toBe(404);
  });

  it("tests a connection call by call and says which call refused the secret", async () => {
    const vendor = await startVendor((request, response) =>
      request.path === "/oauth/token"
        ? json(response, 401, { error: "invalid_client", error_description: "bad client secret" })
        : json(response, 404, {}),
    );
    try {
      const created = await call(create, {
        method: "POST",
        body: smartcar({ baseUrl: vendor.origin }),
      });
      const report = await call(test, { method: "POST", id: created.json.id });
      expect(report.status).toBe(200);
      expect(report.json.ok).toBe(false);
      expect(report.json.steps[0]).toMatchObject({
        call: `Client credentials: POST ${vendor.origin}/oauth/token`,
        outcome: "fail",
        detail: expect.stringContaining("the client id or secret was refused"),
      });
      expect((await call(test, { method: "POST", id: "missing" })).status).toBe(404);
    } finally {
      await vendor.close();
    }
  });

  it("is documented in the OpenAPI document, as is an incident's vendorConnectionId", () => {
    const document = openApiDocument() as Json;
    for (const path of [
      "/api/v1/vendor-connections",
      "/api/v1/vendor-connections/{id}",
      "/api/v1/vendor-connections/{id}/test",
    ])
      expect(document.paths).toHaveProperty([path]);
    expect(document.components.schemas.IncidentInput.properties).toHaveProperty(
      "vendorConnectionId",
    );
    expect(document.components.schemas.Incident.allOf[1].properties).toHaveProperty(
      "vendorConnectionId",
    );
  });
});
