// The face's mount: everything under {simulator}/smartcar/{environment} answers in Smartcar's
// envelope with an sc-request-id, is logged under that id in its own environment's request log,
// and keeps sandbox and prod apart. Connect refuses what it cannot redirect back to.
import { describe, expect, it } from "vitest";
import { buildSimulatorServer } from "@/lib/simulator/server";
import { ADMIN_KEY, VINS } from "../support";
import { smartcar, type SdkError } from "./sdk";
import { baseOf, DEMO, pointSdkAt, signedIn, startSmartcarFace } from "./support";

const sim = startSmartcarFace("sandbox");
const AVA = "ava.active@example.com";
const managementAuth = `Basic ${Buffer.from(`default:${DEMO.managementToken}`).toString("base64")}`;

async function call(path: string, init: RequestInit & { env?: "sandbox" | "prod" } = {}) {
  const response = await fetch(`${baseOf(sim, init.env ?? "sandbox")}${path}`, {
    redirect: "manual",
    ...init,
  });
  const text = await response.text();
  let body: Record<string, unknown> | string = text;
  try {
    body = JSON.parse(text);
  } catch {
    // An HTML page: the text is the body.
  }
  return {
    status: response.status,
    headers: response.headers,
    body: body as never as Record<string, unknown>,
    text,
  };
}

const envelope = (answer: Awaited<ReturnType<typeof call>>) => {
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.body.requestId).toBe(answer.headers.get("sc-request-id"));
  expect(answer.body).toMatchObject({
    type: expect.any(String),
    description: expect.any(String),
    docURL: expect.stringMatching(/^https:\/\/smartcar\.com\/docs\//),
    statusCode: answer.status,
    resolution: {
      type: expect.toSatisfy((type) => type === null || typeof type === "string"),
      url: null,
    },
    suggestedUserMessage: expect.any(String),
  });
  expect(answer.body).not.toHaveProperty("correlationId");
};

describe("Smartcar's envelope for every error under the base", () => {
  it("answers an unknown path with RESOURCE_NOT_FOUND:PATH", async () => {
    const answer = await call("/v2.0/not-a-thing");
    expect(answer.status).toBe(404);
    envelope(answer);
    expect(answer.body).toMatchObject({ type: "RESOURCE_NOT_FOUND", code: "PATH" });
  });

  it("answers a path the router cannot decode with VALIDATION", async () => {
    const answer = await call("/v2.0/vehicles/%zz/odometer");
    expect(answer.status).toBe(400);
    envelope(answer);
    expect(answer.body.type).toBe("VALIDATION");
  });

  it("answers a wrong method with 405 and the allowed ones", async () => {
    const answer = await call("/v2.0/vehicles/some-id/odometer", { method: "POST" });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("GET");
    envelope(answer);
  });

  it("answers bad JSON, an oversized body and a wrong content type with VALIDATION", async () => {
    const badJson = await call("/v2.0/vehicles/x/batch", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(badJson.status).toBe(400);
    envelope(badJson);
    expect(badJson.body.type).toBe("VALIDATION");
    const huge = await call("/v2.0/vehicles/x/batch", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ requests: [{ path: "x".repeat(70_000) }] }),
    });
    expect(huge.status).toBe(413);
    envelope(huge);
    const text = await call("/v2.0/vehicles/x/batch", {
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: "hello",
    });
    expect(text.status).toBe(415);
    envelope(text);
  });

  it("names each invalid field of a valid token's request in VALIDATION:PARAMETER detail", async () => {
    const { access, vehicleIds } = await signedIn(AVA);
    const answer = await call(`/v2.0/vehicles/${vehicleIds[0]}/security`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${access.accessToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ action: "OPEN" }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      type: "VALIDATION",
      code: "PARAMETER",
      detail: [{ field: "body.action", message: expect.stringContaining("LOCK") }],
    });
  });

  it("answers the retired v1.0 with RESOURCE_NOT_FOUND:VERSION", async () => {
    const answer = await call("/v1.0/vehicles");
    expect(answer.status).toBe(404);
    envelope(answer);
    expect(answer.body).toMatchObject({ type: "RESOURCE_NOT_FOUND", code: "VERSION" });
  });

  it("accepts the SDK's mode parameter and ignores it: the base decides the environment", async () => {
    const { access } = await signedIn(AVA);
    const answer = await call("/v2.0/vehicles?mode=live", {
      headers: { authorization: `Bearer ${access.accessToken}` },
    });
    expect(answer.status).toBe(200);
  });
});

describe("the request log", () => {
  it("logs each call under its sc-request-id in its own environment, and the management API reads it", async () => {
    const { access, vehicleIds } = await signedIn(AVA);
    const vehicle = new smartcar.Vehicle(vehicleIds[0]!, access.accessToken);
    const since = new Date(Date.now() - 1_000).toISOString();
    const { meta } = await vehicle.odometer();
    const refused = await vehicle.battery().catch((error: SdkError) => error);

    const console = await fetch(
      `${sim.baseUrl}/sandbox/console/requests?correlationId=${meta.requestId}`,
      { headers: { "x-admin-key": ADMIN_KEY } },
    ).then((response) => response.json());
    expect(console.requests).toEqual([
      expect.objectContaining({
        environment: "sandbox",
        method: "GET",
        path: `/smartcar/sandbox/v2.0/vehicles/${vehicleIds[0]}/odometer`,
        status: 200,
        correlationId: meta.requestId,
        tenant: DEMO.clientId,
        accountId: "acct-0001",
      }),
    ]);
    const inProd = await fetch(
      `${sim.baseUrl}/prod/console/requests?correlationId=${meta.requestId}`,
      { headers: { "x-admin-key": ADMIN_KEY } },
    ).then((response) => response.json());
    expect(inProd.requests).toEqual([]);

    const log = await call(
      `/v2.0/management/request-log?since=${encodeURIComponent(since)}&vehicleId=${vehicleIds[0]}`,
      { headers: { authorization: managementAuth } },
    );
    expect(log.status).toBe(200);
    const requests = log.body.requests as Array<Record<string, unknown>>;
    expect(requests.map((entry) => entry.path)).toEqual([
      `/v2.0/vehicles/${vehicleIds[0]}/battery`,
      `/v2.0/vehicles/${vehicleIds[0]}/odometer`,
    ]);
    expect(requests[0]).toEqual({
      at: expect.any(String),
      method: "GET",
      path: `/v2.0/vehicles/${vehicleIds[0]}/battery`,
      status: 501,
      latencyMs: expect.any(Number),
      requestId: (refused as SdkError).requestId,
      vehicleId: vehicleIds[0],
      userId: expect.any(String),
      errorType: "COMPATIBILITY",
      errorCode: "VEHICLE_NOT_CAPABLE",
    });
    const one = await call(`/v2.0/management/request-log?requestId=${meta.requestId}`, {
      headers: { authorization: managementAuth },
    });
    expect((one.body.requests as unknown[]).length).toBe(1);
    const until = await call(`/v2.0/management/request-log?until=${encodeURIComponent(since)}`, {
      headers: { authorization: managementAuth },
    });
    expect(until.body.requests).toEqual([]);
  });

  it("refuses the request log without the management token and names a bad filter", async () => {
    const bare = await call("/v2.0/management/request-log");
    expect(bare.status).toBe(401);
    envelope(bare);
    const bad = await call("/v2.0/management/request-log?since=yesterday", {
      headers: { authorization: managementAuth },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ type: "VALIDATION", detail: [{ field: "query.since" }] });
  });
});

describe("sandbox and prod", () => {
  it("keep their own tokens and vehicle ids", async () => {
    const sandbox = await signedIn(AVA);
    pointSdkAt(sim, "prod");
    try {
      const refused = await smartcar
        .getUser(sandbox.access.accessToken)
        .catch((error: SdkError) => error);
      expect(refused).toMatchObject({ type: "AUTHENTICATION", statusCode: 401 });
      const prod = await signedIn(AVA);
      expect(prod.vehicleIds[0]).not.toBe(sandbox.vehicleIds[0]);
      const prodVehicle = new smartcar.Vehicle(prod.vehicleIds[0]!, prod.access.accessToken);
      expect((await prodVehicle.vin()).vin).toBe(VINS.ava);
    } finally {
      pointSdkAt(sim, "sandbox");
    }
  });
});

describe("Connect's redirect URIs", () => {
  it("registers the extra redirect URIs the simulator was started with for the demo client", async () => {
    const callback = "http://127.0.0.1:3520/admin/vendors/callback";
    const { app } = await buildSimulatorServer({
      seed: 1,
      timeScale: 0.01,
      publicUrl: "http://127.0.0.1:1",
      adminKey: ADMIN_KEY,
      allowAnyWebhookHost: false,
      accessTokenTtlS: 3600,
      smartcarRedirectUris: [callback],
    });
    try {
      const query = new URLSearchParams({
        response_type: "code",
        client_id: DEMO.clientId,
        scope: "read_vin",
        state: "s",
      });
      const answer = (redirectUri: string) =>
        app.inject({
          method: "POST",
          url: `/smartcar/prod/oauth/authorize?${query}&redirect_uri=${encodeURIComponent(redirectUri)}`,
          payload: `email=${encodeURIComponent(AVA)}&password=Drive-2026%21`,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      const pitstop = await answer(callback);
      expect(pitstop.statusCode).toBe(302);
      expect(pitstop.headers.location).toMatch(new RegExp(`^${callback}\\?code=`));
      expect((await answer(DEMO.redirectUri)).statusCode).toBe(302);
      expect((await answer("http://127.0.0.1:9999/other")).statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});

describe("Connect's refusals", () => {
  const authorize = (query: Record<string, string>) =>
    `/oauth/authorize?${new URLSearchParams({ response_type: "code", scope: "read_vin", ...query })}`;

  it("shows the sign-in page with email and password fields", async () => {
    const page = await call(
      authorize({ client_id: DEMO.clientId, redirect_uri: DEMO.redirectUri }),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.text).toContain('name="email"');
    expect(page.text).toContain('name="password"');
  });

  it("answers an unknown client or an unregistered redirect URI with an error page, never a redirect", async () => {
    for (const query of [
      { client_id: "someone-else", redirect_uri: DEMO.redirectUri },
      { client_id: DEMO.clientId, redirect_uri: "https://evil.example/callback" },
    ]) {
      for (const method of ["GET", "POST"]) {
        const answer = await call(authorize(query), {
          method,
          ...(method === "POST"
            ? {
                headers: { "content-type": "application/x-www-form-urlencoded" },
                body: new URLSearchParams({ email: AVA, password: "Drive-2026!" }).toString(),
              }
            : {}),
        });
        expect(answer.status, `${method} ${JSON.stringify(query)}`).toBe(400);
        expect(answer.headers.get("location")).toBeNull();
        expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
      }
    }
  });
});

describe("rate-limit headers", () => {
  it("show the limit in force, what is left and when it resets, on answers and on the 429", async () => {
    const { access, vehicleIds } = await signedIn(AVA);
    await sim.injectFault({
      kind: "rate_limited",
      face: "smartcar",
      params: { limit: 2, windowS: 60 },
    });
    const read = () =>
      call(`/v2.0/vehicles/${vehicleIds[0]}/odometer`, {
        headers: { authorization: `Bearer ${access.accessToken}` },
      });
    const first = await read();
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThan(0);
    expect((await read()).headers.get("x-ratelimit-remaining")).toBe("0");
    const refused = await read();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
