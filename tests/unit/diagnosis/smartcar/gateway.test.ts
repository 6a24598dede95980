// The Smartcar gateway turns every unusable answer into a problem string with the exchange as
// evidence, never a throw: an error envelope, HTML, an empty body, JSON under the wrong content
// type, a redirect loop, a timeout, a TLS handshake against a plain server. A good answer is read
// through its schema, the base path of the origin is kept, and credentials are masked.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmartcarGateway, type SmartcarEndpoints } from "@/lib/diagnosis/smartcar/gateway";

const ACCESS_TOKEN = "sc-access-7f6e5d4c3b2a1f0e9d8c";
const CLIENT_SECRET = "sc-secret-0a1b2c3d4e5f6a7b8c9d";
const seen: string[] = [];

function smartcarLike(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url!, "http://x");
  seen.push(`${request.method} ${url.pathname} ${request.headers.authorization ?? ""}`);
  const json = (status: number, body: unknown, type = "application/json") => {
    response.writeHead(status, { "content-type": type, "sc-request-id": "req-1" });
    response.end(JSON.stringify(body));
  };
  switch (url.pathname) {
    case "/base/v2.0/user":
      return json(200, { id: "user-1" });
    case "/base/v2.0/vehicles":
      return json(200, { vehicles: ["veh-1"], paging: { count: 1, offset: 0 } });
    case "/base/v2.0/vehicles/veh-1/vin":
      return json(200, { vin: "5YJ3E1EA7KF000001" });
    case "/base/v2.0/vehicles/veh-1/odometer":
      return json(409, {
        type: "VEHICLE_STATE",
        code: "ASLEEP",
        description: "The vehicle is asleep.",
        statusCode: 409,
        requestId: "req-1",
        resolution: { type: "RETRY_LATER" },
      });
    case "/base/v2.0/vehicles/veh-1/permissions":
      response.writeHead(200, { "content-type": "text/html" });
      return response.end("<html><body>Sign in</body></html>");
    case "/base/v2.0/vehicles/veh-1":
      response.writeHead(200, { "content-type": "application/json" });
      return response.end();
    case "/base/v2.0/compatibility":
      return json(200, { compatible: true }, "text/plain");
    case "/base/v2.0/management/request-log":
      response.writeHead(302, { location: "/base/v2.0/management/request-log" });
      return response.end();
    case "/base/slow":
      return; // never answers
    default:
      return json(404, { type: "RESOURCE_NOT_FOUND", code: "PATH", description: "No such path." });
  }
}

let server: ReturnType<typeof createServer>;
let origin = "";

function gateway(overrides: Partial<SmartcarEndpoints> = {}, timeoutMs = 2_000) {
  return new SmartcarGateway({
    connection: {
      id: "conn-1",
      name: "test",
      environment: "sandbox",
      apiOrigin: `${origin}/base`,
      managementOrigin: `${origin}/base`,
      clientId: "client-1",
      clientSecret: CLIENT_SECRET,
      managementToken: "amt-1",
      ...overrides,
    },
    timeoutMs,
    accessToken: async () => ({
      ok: true,
      accessToken: ACCESS_TOKEN,
      linkId: "link-1",
      smartcarUserId: "user-1",
    }),
  });
}

beforeAll(async () => {
  server = createServer(smartcarLike);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("the Smartcar gateway", () => {
  it("reads a good answer under the origin's base path, with the owner's token masked in evidence", async () => {
    const user = await gateway().user("ava@example.com");
    expect(user.ok && user.data).toEqual({ id: "user-1" });
    expect(seen).toContain(`GET /base/v2.0/user Bearer ${ACCESS_TOKEN}`);
    expect(JSON.stringify(user.exchange)).not.toContain(ACCESS_TOKEN);
  });

  it("finds the vehicle's Smartcar id by its VIN", async () => {
    const found = await gateway().vehicleByVin("ava@example.com", "5YJ3E1EA7KF000001");
    expect(found.ok && found.data.vehicleId).toBe("veh-1");
  });

  it("reads Smartcar's error envelope into the problem and keeps it", async () => {
    const read = await gateway().odometer("ava@example.com", "veh-1");
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem).toBe("409 VEHICLE_STATE:ASLEEP - The vehicle is asleep.");
    expect(read.error).toMatchObject({ type: "VEHICLE_STATE", code: "ASLEEP" });
  });

  it.each([
    ["HTML", (g: SmartcarGateway) => g.permissions("a", "veh-1"), /not JSON \(text\/html\)/],
    ["an empty body", (g: SmartcarGateway) => g.attributes("a", "veh-1"), /empty body/],
    [
      "JSON under a wrong content type",
      (g: SmartcarGateway) => g.compatibility("5YJ3E1EA7KF000001", ["read_odometer"], "US"),
      /JSON labelled text\/plain/,
    ],
    [
      "a redirect loop",
      (g: SmartcarGateway) => g.requestLog({ requestId: "req-1" }),
      /302 redirecting to \/base\/v2.0\/management\/request-log/,
    ],
  ])("turns %s into a problem with the exchange", async (_what, call, problem) => {
    const looked = await call(gateway());
    expect(looked.ok).toBe(false);
    if (looked.ok) return;
    expect(looked.problem).toMatch(problem);
    expect(looked.exchange).not.toBeNull();
  });

  it("turns a timeout into a problem", async () => {
    const slow = gateway({}, 150);
    const sent = await slow.ownerSend("a", { method: "GET", path: "/slow" });
    expect(sent.ok && sent.exchange.failure?.kind).toBe("timeout");
  });

  it("turns a TLS handshake with a plain server into a problem", async () => {
    const tls = gateway({ apiOrigin: `${origin.replace("http:", "https:")}/base` });
    const user = await tls.user("a");
    expect(user.ok).toBe(false);
    if (!user.ok) expect(user.problem).toMatch(/^no answer: /);
  });

  it("says when the connection has no management token instead of calling", async () => {
    const log = await gateway({ managementToken: null }).requestLog({ requestId: "x" });
    expect(log.ok).toBe(false);
    if (!log.ok) expect(log.problem).toMatch(/no application management token/);
  });

  it("asks compatibility with the client's credentials and masks the secret", async () => {
    const looked = await gateway().compatibility("5YJ3E1EA7KF000001", ["read_odometer"], "US");
    const basic = Buffer.from(`client-1:${CLIENT_SECRET}`).toString("base64");
    expect(seen).toContain(`GET /base/v2.0/compatibility Basic ${basic}`);
    expect(JSON.stringify(looked.exchange)).not.toContain(basic);
  });

  it("remembers an answer within one run", async () => {
    const once = gateway();
    const before = seen.length;
    await Promise.all([once.user("a"), once.user("a")]);
    expect(seen.length - before).toBe(1);
  });
});
