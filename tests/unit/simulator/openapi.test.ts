// The simulator's OpenAPI document is served, well formed, and true: it lists exactly the
// routes fastify has registered, every documented operation answers over HTTP, and what it
// says about security, scopes and request bodies holds when called.
import { describe, expect, it } from "vitest";
import { API_VERSION, clientOf, startSimulatorForFile, VINS, type Body } from "./support";

const sim = startSimulatorForFile();

type Operation = {
  summary: string;
  tags: string[];
  security: Array<Record<string, string[]>>;
  parameters: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: { content: Record<string, { schema: Body }> };
  responses: Record<string, { description: string }>;
  "x-required-scopes"?: string[];
};
type Documented = { method: string; path: string; operation: Operation };

async function documentedOperations(): Promise<Documented[]> {
  const document = (await sim.request("/openapi.json")).body;
  return Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(
    ([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operation,
      })),
  );
}

/** Every method and URL fastify registered, read from its route tree (HEAD mirrors GET, so it is left out). */
function registeredRoutes(): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of sim.app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = line.match(/^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]+)\))?$/);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const url = `${parents[depth - 1] ?? ""}${match[2]}`;
    parents[depth] = url;
    for (const method of match[3]?.split(", ") ?? [])
      if (method !== "HEAD") routes.push(`${method} ${url}`);
  }
  return routes.sort();
}

/** The documented path as a URL to call: {environment} → sandbox, other parameters filled in. */
const concrete = (path: string, env = "sandbox") =>
  path
    .replace("{environment}", env)
    .replace("{vin}", VINS.ava)
    .replace(/\{\w+\}/g, "probe_id");

describe("the OpenAPI document", () => {
  it("is served as an OpenAPI 3.1 document with info, security schemes and paths", async () => {
    const answer = await sim.request("/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.body.openapi).toMatch(/^3\.1\.\d+$/);
    expect(answer.body.info).toMatchObject({ title: expect.any(String), version: API_VERSION });
    expect(Object.keys(answer.body.components.securitySchemes).sort()).toEqual([
      "adminKey",
      "apiKey",
      "bearer",
      "smartcarAccessToken",
      "smartcarClient",
      "smartcarManagement",
      "smartcarManagementBearer",
    ]);
    expect(answer.body.components.securitySchemes.bearer).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    expect(Object.keys(answer.body.paths).length).toBeGreaterThan(20);
  });

  it("gives every operation a summary, a tag, responses and only declared security schemes", async () => {
    const schemes = Object.keys(
      (await sim.request("/openapi.json")).body.components.securitySchemes,
    );
    for (const { method, path, operation } of await documentedOperations()) {
      const where = `${method} ${path}`;
      expect(operation.summary, where).toMatch(/\w/);
      expect(operation.tags, where).toHaveLength(1);
      expect(Object.keys(operation.responses).length, where).toBeGreaterThan(0);
      for (const status of Object.keys(operation.responses))
        expect(status, where).toMatch(/^[1-5]\d\d$/);
      for (const requirement of operation.security)
        for (const scheme of Object.keys(requirement)) expect(schemes, where).toContain(scheme);
    }
  });

  it("declares each path template parameter as a required path parameter, and no others", async () => {
    for (const { method, path, operation } of await documentedOperations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const declared = operation.parameters.filter((parameter) => parameter.in === "path");
      expect(declared.map((parameter) => parameter.name).sort(), `${method} ${path}`).toEqual(
        inPath,
      );
      expect(declared.every((parameter) => parameter.required)).toBe(true);
    }
  });
});

describe("the document is kept true", () => {
  it("documents exactly the routes fastify has registered, in both environments", async () => {
    const registered = registeredRoutes();
    expect(registered.length).toBeGreaterThan(40);
    const documented = (await documentedOperations()).flatMap(({ method, path }) => {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === "environment" ? "{environment}" : `:${name}`,
      );
      return url.includes("{environment}")
        ? ["sandbox", "prod"].map((env) => `${method} ${url.replace("{environment}", env)}`)
        : [`${method} ${url}`];
    });
    expect(documented.sort()).toEqual(registered);
  });

  it("answers every documented operation over HTTP with something other than the not-found handler's 404", async () => {
    for (const { method, path } of await documentedOperations()) {
      for (const env of ["sandbox", "prod"]) {
        const url = concrete(path, env);
        const answer = await sim.request(url, { method });
        expect(answer.body?.message ?? "", `${method} ${url}`).not.toBe(
          `${method} ${url} was not found.`,
        );
        expect(answer.status, `${method} ${url}`).toBeLessThan(500);
      }
    }
    const missing = await sim.request("/sandbox/v1/not-documented");
    expect(missing.body).toMatchObject({
      code: "NOT_FOUND",
      message: "GET /sandbox/v1/not-documented was not found.",
    });
  });

  it("keeps its security promises: open operations answer bare requests, guarded ones refuse them", async () => {
    for (const { method, path, operation } of await documentedOperations()) {
      if (method !== "GET") continue;
      const answer = await sim.request(concrete(path), { method });
      const schemes = operation.security.flatMap((requirement) => Object.keys(requirement));
      const needsQuery = operation.parameters.some(
        (parameter) => parameter.in === "query" && parameter.required,
      );
      if (schemes.length === 0) expect(answer.status, path).toBe(needsQuery ? 400 : 200);
      else expect(answer.status, path).toBe(401);
    }
  });

  it("refuses a token without an operation's documented scope with 403 naming that scope", async () => {
    const everything = (await sim.request("/sandbox/.well-known/openid-configuration")).body
      .scopes_supported as string[];
    const scoped = (await documentedOperations()).filter(
      ({ operation }) => operation["x-required-scopes"]?.length,
    );
    expect(scoped.length).toBeGreaterThanOrEqual(8);
    for (const { method, path, operation } of scoped) {
      for (const scope of operation["x-required-scopes"]!) {
        const token = (
          await sim.passwordGrant("ava.active@example.com", {
            tenant: "loadlab",
            scope: everything.filter((candidate) => candidate !== scope).join(" "),
          })
        ).body.access_token;
        const answer = await sim.request(concrete(path), {
          method,
          headers: {
            "x-api-key": clientOf("loadlab").apiKey,
            "x-api-version": API_VERSION,
            authorization: `Bearer ${token}`,
          },
        });
        expect(answer.status, `${method} ${path} without ${scope}`).toBe(403);
        expect(answer.body.details.requiredScope).toBe(scope);
      }
    }
  });

  it("accepts every command the request body schema lists", async () => {
    const commands = (await documentedOperations()).find(
      ({ method, path }) =>
        method === "POST" && path === "/{environment}/v1/vehicles/{vin}/commands",
    )!;
    const listed = commands.operation.requestBody!.content["application/json"]!.schema.properties
      .command.enum as string[];
    expect(listed.length).toBeGreaterThanOrEqual(5);
    const ava = await sim.session("ava.active@example.com", { tenant: "loadlab" });
    for (const command of listed)
      expect((await ava.command(VINS.ava, command)).status, command).toBe(202);
  });

  it("documents the form-encoded OAuth endpoints as taking form bodies", async () => {
    const oauth = (await documentedOperations()).filter(({ path }) => path.includes("/oauth2/"));
    expect(oauth).toHaveLength(3);
    for (const { operation } of oauth)
      expect(Object.keys(operation.requestBody!.content)).toEqual([
        "application/x-www-form-urlencoded",
      ]);
  });
});
