// The admin's API: /api/v1/tokens and /api/v1/users, and tokens refused once expired or revoked.
import { describe, expect, it } from "vitest";
import { DELETE as deleteToken } from "@/app/api/v1/tokens/[id]/route";
import { GET as listTokens, POST as postToken } from "@/app/api/v1/tokens/route";
import { POST as postInvite } from "@/app/api/v1/users/[id]/invite/route";
import { PATCH as patchUser } from "@/app/api/v1/users/[id]/route";
import { GET as listUsers, POST as postUser } from "@/app/api/v1/users/route";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { unique } from "@/tests/support/factories";
import { pitstop } from "../cli/support";

const system = { kind: "system", label: "admin api test" } as const;
const BASE = "http://pitstop.test";

async function tokenFor(role: Role, expiresInDays?: number) {
  return (await createApiToken({ name: unique(`api-${role}`), role, expiresInDays }, system)).token;
}

function request(token: string, path: string, method = "GET", body?: unknown) {
  return new Request(`${BASE}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      host: "pitstop.test",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

describe("API tokens through the API", () => {
  it("creates a token shown once that works, then revoking it makes it answer 401", async () => {
    const admin = await tokenFor("admin");
    const created = await postToken(
      request(admin, "/api/v1/tokens", "POST", { name: "ci", role: "manager", expiresInDays: 30 }),
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ name: "ci", role: "manager", state: "active" });
    expect(Date.parse(String(body.expiresAt)) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const listed = (await (await listTokens(request(admin, "/api/v1/tokens"))).json()) as {
      items: Array<Record<string, unknown>>;
    };
    const row = listed.items.find((item) => item.id === body.id)!;
    expect(row).toMatchObject({ prefix: body.prefix, state: "active" });
    expect(JSON.stringify(listed)).not.toContain(String(body.token));

    const managerToken = String(body.token);
    expect((await listUsers(request(managerToken, "/api/v1/users"))).status).toBe(403);
    const revoked = await deleteToken(
      request(admin, `/api/v1/tokens/${body.id}`, "DELETE"),
      params({ id: String(body.id) }),
    );
    expect(revoked.status).toBe(200);
    expect((await listUsers(request(managerToken, "/api/v1/users"))).status).toBe(401);
    const again = await deleteToken(
      request(admin, `/api/v1/tokens/${body.id}`, "DELETE"),
      params({ id: String(body.id) }),
    );
    expect(again.status).toBe(409);
  });

  it("refuses an expired token with 401", async () => {
    const token = await tokenFor("admin", 1);
    expect((await listTokens(request(token, "/api/v1/tokens"))).status).toBe(200);
    await db.apiToken.updateMany({
      where: { prefix: token.slice(4, 12) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const refused = await listTokens(request(token, "/api/v1/tokens"));
    expect(refused.status).toBe(401);
    const admin = await tokenFor("admin");
    const listed = (await (await listTokens(request(admin, "/api/v1/tokens"))).json()) as {
      items: Array<{ prefix: string; state: string }>;
    };
    expect(listed.items.find((item) => item.prefix === token.slice(4, 12))?.state).toBe("expired");
  });

  it.each([
    [{ name: "x", role: "sre", expiresInDays: 0 }, "expiresInDays"],
    [{ name: "x", role: "sre", expiresInDays: 1.5 }, "expiresInDays"],
    [{ name: "x", role: "boss" }, "role"],
    [{ role: "sre" }, "name"],
  ])("answers 400 naming the field for %j", async (input, field) => {
    const response = await postToken(
      request(await tokenFor("admin"), "/api/v1/tokens", "POST", input),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fields: Record<string, string> }).fields).toHaveProperty(
      field,
    );
  });

  it("pitstop token create --expires-in-days sets the expiry and refuses a bad value", async () => {
    const made = await pitstop([
      "token",
      "create",
      "--name",
      "cli-expiring",
      "--role",
      "sre",
      "--expires-in-days",
      "2",
    ]);
    expect(made.code).toBe(0);
    const row = await db.apiToken.findFirstOrThrow({
      where: { prefix: made.stdout.trim().slice(4, 12) },
    });
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(86_400_000);
    const bad = await pitstop([
      "token",
      "create",
      "--name",
      "x",
      "--role",
      "sre",
      "--expires-in-days",
      "soon",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--expires-in-days: expiresInDays must be a whole number of days");
  });
});

describe("users through the API", () => {
  it("invites a user (link once), then changes role, disables and answers 404 or 400 as it should", async () => {
    const admin = await tokenFor("admin");
    const email = `${unique("api-user")}@pitstop.test`;
    const created = await postUser(
      request(admin, "/api/v1/users", "POST", { name: "Api User", email, role: "sre" }),
    );
    expect(created.status).toBe(201);
    const user = (await created.json()) as Record<string, string>;
    expect(user).toMatchObject({ email, role: "sre", status: "invited" });
    expect(user.inviteUrl).toMatch(/^http:\/\/pitstop\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(user)).not.toContain("passwordHash");

    const duplicate = await postUser(
      request(admin, "/api/v1/users", "POST", { name: "Again", email, role: "sre" }),
    );
    expect(duplicate.status).toBe(409);

    const path = `/api/v1/users/${user.id}`;
    const promoted = await patchUser(
      request(admin, path, "PATCH", { role: "support_lead" }),
      params({ id: user.id! }),
    );
    expect(await promoted.json()).toMatchObject({ role: "support_lead" });
    const disabled = await patchUser(
      request(admin, path, "PATCH", { disabled: true }),
      params({ id: user.id! }),
    );
    expect(await disabled.json()).toMatchObject({ status: "disabled" });
    const invite = await postInvite(
      request(admin, `${path}/invite`, "POST"),
      params({ id: user.id! }),
    );
    expect(invite.status).toBe(409);

    for (const [body, field] of [
      [{}, "body"],
      [{ role: "owner" }, "role"],
      [{ password: "short" }, "password"],
      [{ disabled: "yes" }, "disabled"],
      [{ email: "x@y.z" }, "body"],
    ] as const) {
      const response = await patchUser(
        request(admin, path, "PATCH", body),
        params({ id: user.id! }),
      );
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { fields: object }).fields).toHaveProperty(field);
    }
    const missing = await patchUser(
      request(admin, "/api/v1/users/nobody", "PATCH", { role: "sre" }),
      params({ id: "nobody" }),
    );
    expect(missing.status).toBe(404);
  });

  it("is refused to every role but admin", async () => {
    for (const role of ["sre", "support_lead", "manager"] as const) {
      expect((await listUsers(request(await tokenFor(role), "/api/v1/users"))).status).toBe(403);
    }
  });
});

describe("the OpenAPI document", () => {
  it("describes every admin endpoint with the shared input schemas", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths["/api/v1/users"]!)).toEqual(["get", "post"]);
    expect(Object.keys(paths["/api/v1/users/{id}"]!)).toEqual(["patch"]);
    expect(Object.keys(paths["/api/v1/users/{id}/invite"]!)).toEqual(["post"]);
    expect(Object.keys(paths["/api/v1/tokens"]!)).toEqual(["get", "post"]);
    expect(Object.keys(paths["/api/v1/tokens/{id}"]!)).toEqual(["delete"]);
    expect(JSON.stringify(paths["/api/v1/tokens"])).toContain("expiresInDays");
  });
});
