import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect } from "@playwright/test";
import { test } from "./support";

// A real token for the e2e database, made the way an operator would: with the CLI.
function createToken(role: string): string {
  return execFileSync(
    "./bin/pitstop",
    ["token", "create", "--name", `e2e-${role}`, "--role", role],
    {
      env: { ...process.env, PITSTOP_DATA_DIR: path.resolve("data/e2e") },
      encoding: "utf8",
    },
  ).trim();
}

const incident = (correlationId: string) => ({
  correlationId,
  title: "Token refresh rejected",
  environment: "prod",
  tenant: "fleetco",
  scopes: ["offline_access", "openid"],
  errorString: 'HTTP 400 {"error":"invalid_grant"}',
  httpStatus: 400,
  occurredAt: "2026-11-20T08:00:00Z",
  severity: "sev2",
});

test("an alerting system files an incident once, however often it retries", async ({ request }) => {
  const headers = { Authorization: `Bearer ${createToken("sre")}`, "Idempotency-Key": "alert-42" };
  const first = await request.post("/api/v1/incidents", { headers, data: incident("api-0001") });
  expect(first.status()).toBe(201);
  const created = await first.json();
  expect(created).toMatchObject({
    correlationId: "api-0001",
    scopes: ["offline_access", "openid"],
    status: "open",
  });

  const retry = await request.post("/api/v1/incidents", { headers, data: incident("api-0001") });
  expect(retry.status()).toBe(201);
  expect(retry.headers()["idempotent-replayed"]).toBe("true");
  expect((await retry.json()).id).toBe(created.id);

  const fetched = await request.get(`/api/v1/incidents/${created.id}`, { headers });
  expect(await fetched.json()).toMatchObject({
    id: created.id,
    occurredAt: "2026-11-20T08:00:00.000Z",
  });
  const listed = await request.get("/api/v1/incidents?q=api-0001", { headers });
  expect((await listed.json()).total).toBe(1);
});

test("bad API input gets a 400 naming the field; bad tokens get a 401", async ({ request }) => {
  const headers = { Authorization: `Bearer ${createToken("sre")}` };
  const bad = await request.post("/api/v1/incidents", {
    headers,
    data: { ...incident("api-0002"), vin: "SHORT" },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).fields).toEqual({
    vin: "vin must be 17 letters and digits, without I, O or Q",
  });

  const badQuery = await request.get("/api/v1/incidents?pageSize=7", { headers });
  expect(badQuery.status()).toBe(400);
  expect((await badQuery.json()).fields.pageSize).toMatch(/pageSize must be one of/);

  const anonymous = await request.get("/api/v1/incidents", {
    headers: { Authorization: "Bearer garbage" },
  });
  expect(anonymous.status()).toBe(401);
  expect((await request.get("/api/v1/openapi.json")).status()).toBe(200);
});
