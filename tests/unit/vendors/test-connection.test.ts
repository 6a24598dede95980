// "Test connection" against real small HTTP servers: each step names its call and says what
// worked, and an odd answer (HTML, an empty body, a wrong content type, a redirect loop, a TLS
// failure) is a failed step with what came back, never an exception.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { encryptSecret } from "@/lib/security/encryption";
import { createConnection } from "@/lib/vendors/store";
import { testVendorConnection } from "@/lib/vendors/test-connection";
import {
  clearVendorData,
  json,
  smartcarConnection,
  startVendor,
  system,
  uniqueName,
} from "./support";

type Vendor = Awaited<ReturnType<typeof startVendor>>;
const vendors: Vendor[] = [];
afterEach(async () => {
  for (const vendor of vendors.splice(0)) await vendor.close();
});
beforeEach(clearVendorData);

async function simulatorConnection(baseUrl: string, environment: "sandbox" | "prod" = "sandbox") {
  const created = await createConnection(
    {
      name: uniqueName("Sim"),
      kind: "pitstop-simulator",
      environment,
      baseUrl,
      adminKey: "admin-key-right",
      tenantKeys: { fleetco: "key-right", drivewise: "key-wrong" },
    },
    system,
  );
  if (!created.ok) throw new Error("create failed");
  return created.connection.id;
}

const run = (id: string) => testVendorConnection(id, { origin: "http://pitstop.test" });

describe("testVendorConnection, simulator", () => {
  it("passes each call a healthy simulator answers and names the refused tenant key", async () => {
    const vendor = await startVendor((request, response) => {
      if (request.path === "/health") return json(response, 200, { status: "ok" });
      if (request.path === "/sandbox/status") return json(response, 200, { status: "operational" });
      if (request.path === "/sandbox/console/versions")
        return request.headers["x-admin-key"] === "admin-key-right"
          ? json(response, 200, { versions: [] })
          : json(response, 401, { code: "INVALID_ADMIN_KEY" });
      if (request.path === "/sandbox/console/quota")
        return request.headers["x-api-key"] === "key-right"
          ? json(response, 200, { quota: {} })
          : json(response, 401, {
              error: "invalid_api_key",
              error_description: "not a key we issued",
            });
      json(response, 404, {});
    });
    vendors.push(vendor);
    const report = await run(await simulatorConnection(vendor.origin));
    expect(report!.ok).toBe(false);
    expect(report!.steps.map(({ call, outcome }) => [call, outcome])).toEqual([
      [`GET ${vendor.origin}/health`, "pass"],
      [`GET ${vendor.origin}/sandbox/status`, "pass"],
      [`Admin key: GET ${vendor.origin}/sandbox/console/versions`, "pass"],
      [`Tenant drivewise: GET ${vendor.origin}/sandbox/console/quota`, "fail"],
      [`Tenant fleetco: GET ${vendor.origin}/sandbox/console/quota`, "pass"],
    ]);
    expect(report!.steps[3]!.detail).toBe(
      "answered 401 invalid_api_key (not a key we issued): drivewise's key was refused",
    );
    const keys = JSON.stringify(report);
    expect(keys).not.toContain("key-right");
    expect(keys).not.toContain("admin-key-right");
  });

  it("reports HTML, an empty body, a wrong content type and a redirect loop as what came back", async () => {
    const vendor = await startVendor((request, response) => {
      if (request.path === "/health") {
        response.writeHead(200, { "content-type": "text/html" });
        return response.end("<html><body>Captive portal: sign in to continue</body></html>");
      }
      if (request.path === "/sandbox/status") {
        response.writeHead(200, { "content-type": "application/json" });
        return response.end();
      }
      if (request.path === "/sandbox/console/versions") {
        response.writeHead(200, { "content-type": "text/plain" });
        return response.end('{"versions": []}');
      }
      response.writeHead(302, { location: request.path.startsWith("/a") ? "/b" : "/a" });
      response.end();
    });
    vendors.push(vendor);
    const report = await run(await simulatorConnection(vendor.origin));
    const details = report!.steps.map(({ outcome, detail }) => [outcome, detail]);
    expect(details.slice(0, 4)).toEqual([
      [
        "fail",
        `GET ${vendor.origin}/health answered 200 with text/html, not JSON: "<html><body>Captive portal: sign in to continue</body></html>"`,
      ],
      [
        "fail",
        `GET ${vendor.origin}/sandbox/status answered 200 with an empty body (application/json)`,
      ],
      [
        "fail",
        `GET ${vendor.origin}/sandbox/console/versions answered 200 with text/plain, not JSON: "{"versions":[]}"`,
      ],
      [
        "fail",
        expect.stringMatching(
          new RegExp(
            `^GET ${vendor.origin}/sandbox/console/quota answered 302, a redirect to /[ab] \\(a redirect loop`,
          ),
        ),
      ],
    ]);
  });

  it("tests the connection's own environment", async () => {
    const vendor = await startVendor((request, response) =>
      json(response, 200, { path: request.path }),
    );
    vendors.push(vendor);
    const report = await run(await simulatorConnection(vendor.origin, "prod"));
    expect(report!.steps[1]!.call).toBe(`GET ${vendor.origin}/prod/status`);
    expect(vendor.received.map(({ path }) => path)).toContain("/prod/console/versions");
  });

  it("reports a TLS failure and a closed port as the call that got no answer", async () => {
    const vendor = await startVendor((_request, response) => json(response, 200, {}));
    vendors.push(vendor);
    const tls = await run(await simulatorConnection(vendor.origin.replace("http:", "https:")));
    expect(tls!.steps[0]).toMatchObject({
      outcome: "fail",
      detail: expect.stringMatching(/^GET https:\/\/127\.0\.0\.1:\d+\/health failed TLS: /),
    });
    const gone = await startVendor((_request, response) => json(response, 200, {}));
    await gone.close();
    const closed = await run(await simulatorConnection(gone.origin));
    expect(closed!.steps[0]).toMatchObject({
      outcome: "fail",
      detail: expect.stringMatching(/got no answer: connection refused/),
    });
  });
});

describe("testVendorConnection, Smartcar", () => {
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

  async function smartcarVendor() {
    const vendor = await startVendor((request, response) => {
      if (request.path === "/oauth/token")
        return request.headers.authorization === basic("client-id-1", "client-secret-value-1")
          ? json(response, 400, { error: "invalid_grant", error_description: "unknown code" })
          : json(response, 401, {
              error: "invalid_client",
              error_description: "client authentication failed",
            });
      if (request.path.startsWith("/v2.0/management/connections"))
        return request.headers.authorization ===
          `Basic ${Buffer.from("default:amt-right").toString("base64")}`
          ? json(response, 200, { connections: [], paging: { cursor: null } })
          : json(response, 401, { type: "AUTHENTICATION", code: null, description: "bad token" });
      if (request.path === "/v2.0/user")
        return request.headers.authorization === "Bearer access-ok"
          ? json(response, 200, { id: "sc-user-1" })
          : json(response, 401, {
              type: "AUTHENTICATION",
              code: null,
              description: "token revoked",
            });
      json(response, 404, {});
    });
    vendors.push(vendor);
    return vendor;
  }

  const link = (connectionId: string, label: string, accessToken: string) =>
    db.smartcarAccountLink.create({
      data: {
        connectionId,
        label,
        smartcarUserId: `id-${label}`,
        accessTokenEnc: encryptSecret(accessToken),
        refreshTokenEnc: encryptSecret("refresh"),
        accessExpiresAt: new Date(Date.now() + 3_600_000),
        refreshExpiresAt: new Date(Date.now() + 86_400_000),
      },
    });

  it("proves the client with a made-up code, the management token, and each linked account", async () => {
    const vendor = await smartcarVendor();
    const connection = await smartcarConnection(vendor.origin, { managementToken: "amt-right" });
    await link(connection.id, "ava@example.com", "access-ok");
    await link(connection.id, "bob@example.com", "access-revoked");
    const report = await run(connection.id);
    expect(report!.steps.map(({ call, outcome }) => [call, outcome])).toEqual([
      [`Client credentials: POST ${vendor.origin}/oauth/token`, "pass"],
      [`Management token: GET ${vendor.origin}/v2.0/management/connections?limit=1`, "pass"],
      [`Linked account ava@example.com: GET ${vendor.origin}/v2.0/user`, "pass"],
      [`Linked account bob@example.com: GET ${vendor.origin}/v2.0/user`, "fail"],
    ]);
    expect(report!.steps[2]!.detail).toBe("200: the token works for Smartcar user sc-user-1");
    expect(report!.steps[3]!.detail).toBe(
      `GET ${vendor.origin}/v2.0/user answered 401 AUTHENTICATION (token revoked)`,
    );
    const code = new URLSearchParams(vendor.received[0]!.body);
    expect(code.get("redirect_uri")).toBe("http://pitstop.test/admin/vendors/callback");
  });

  it("says the client secret is wrong, and which management call refused the token", async () => {
    const vendor = await smartcarVendor();
    const connection = await smartcarConnection(vendor.origin, {
      clientSecret: "wrong-secret",
      managementToken: "amt-wrong",
    });
    const report = await run(connection.id);
    expect(report!.ok).toBe(false);
    expect(report!.steps[0]).toMatchObject({
      outcome: "fail",
      detail: `the client id or secret was refused: POST ${vendor.origin}/oauth/token answered 401 invalid_client (client authentication failed)`,
    });
    expect(report!.steps[1]).toMatchObject({
      outcome: "fail",
      detail: "answered 401 AUTHENTICATION (bad token): the management token was refused",
    });
    expect(report!.steps[2]).toMatchObject({ call: "Linked accounts", outcome: "skip" });
    expect(JSON.stringify(report)).not.toContain("wrong-secret");
  });
});
