// The simulator's OAuth 2.0 server over real HTTP: grants, JWT access tokens checked against
// the published JWKS, revocation, client authentication and signing-key rotation.
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import {
  API_VERSION,
  clientOf,
  PASSWORD,
  startSimulatorForFile,
  type EnvironmentName,
} from "./support";

const sim = startSimulatorForFile();
const AVA = "ava.active@example.com";

async function verifyAgainstJwks(token: string, env: EnvironmentName = "sandbox") {
  const jwks = await sim.request(`/${env}/.well-known/jwks.json`);
  return jwtVerify(token, createLocalJWKSet(jwks.body), {
    issuer: `${sim.baseUrl}/${env}`,
    audience: "connected-services-api",
    algorithms: ["ES256"],
  });
}

/** GET /v1/account with a bearer token, as FleetCo. */
function readAccount(token: string, env: EnvironmentName = "sandbox") {
  return sim.request(`/${env}/v1/account`, {
    headers: {
      "x-api-key": clientOf("fleetco", env).apiKey,
      "x-api-version": API_VERSION,
      authorization: `Bearer ${token}`,
    },
  });
}

function tokenRequest(form: Record<string, string>, env: EnvironmentName = "sandbox") {
  return sim.request(`/${env}/oauth2/token`, { form });
}

const fleetco = { client_id: "fleetco-sandbox", client_secret: "secret_sandbox_fleetco" };

describe("password grant", () => {
  it("issues an ES256 JWT whose kid is published in the environment's JWKS and whose claims verify", async () => {
    const answer = await sim.passwordGrant(AVA);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });

    const token = answer.body.access_token as string;
    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe("ES256");
    const jwks = await sim.request("/sandbox/.well-known/jwks.json");
    expect(jwks.body.keys.map((key: { kid: string }) => key.kid)).toContain(header.kid);

    const { payload } = await verifyAgainstJwks(token);
    expect(payload.iss).toBe(`${sim.baseUrl}/sandbox`);
    expect(payload.aud).toBe("connected-services-api");
    expect(payload.sub).toBe("acct-0001");
    expect(payload.client_id).toBe("fleetco-sandbox");
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.exp! * 1000).toBeGreaterThan(Date.now());
    expect(String(payload.scope).split(" ")).toEqual(
      expect.arrayContaining(["account:read", "vehicle:commands", "offline_access"]),
    );
    expect(answer.body.scope).toBe(payload.scope);
    expect(answer.body.refresh_token).toMatch(/^rt_/);
  });

  it("names the same issuer in the discovery document as in the tokens", async () => {
    const discovery = await sim.request("/prod/.well-known/openid-configuration");
    expect(discovery.body).toMatchObject({
      issuer: `${sim.baseUrl}/prod`,
      jwks_uri: `${sim.baseUrl}/prod/.well-known/jwks.json`,
      audience: "connected-services-api",
    });
    const answer = await sim.passwordGrant(AVA, { env: "prod" });
    const { payload } = await verifyAgainstJwks(answer.body.access_token, "prod");
    expect(payload.iss).toBe(discovery.body.issuer);
  });

  it("grants only the requested scopes and no refresh token without offline_access", async () => {
    const answer = await sim.passwordGrant(AVA, { scope: "openid vehicle:read" });
    expect(answer.status).toBe(200);
    expect(answer.body.scope).toBe("openid vehicle:read");
    expect(answer.body.refresh_token).toBeUndefined();
    const account = await readAccount(answer.body.access_token);
    expect(account.status).toBe(403);
    expect(account.body).toMatchObject({
      code: "INSUFFICIENT_SCOPE",
      details: { requiredScope: "account:read" },
    });
  });

  it("accepts client credentials in an HTTP Basic header", async () => {
    const basic = Buffer.from(`${fleetco.client_id}:${fleetco.client_secret}`).toString("base64");
    const answer = await sim.request("/sandbox/oauth2/token", {
      form: { grant_type: "password", username: AVA, password: PASSWORD },
      headers: { authorization: `Basic ${basic}` },
    });
    expect(answer.status).toBe(200);
    expect((await readAccount(answer.body.access_token)).status).toBe(200);
  });

  it("refuses a wrong password with invalid_grant", async () => {
    const answer = await sim.passwordGrant(AVA, { password: "Drive-2025!" });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: "invalid_grant", error_description: expect.any(String) });
  });

  it("does not accept a sandbox token in prod", async () => {
    const sandbox = await sim.passwordGrant(AVA);
    const answer = await readAccount(sandbox.body.access_token, "prod");
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("INVALID_TOKEN");
  });

  it("refuses a token used with another client's API key", async () => {
    const drivewise = await sim.passwordGrant(AVA, { tenant: "drivewise" });
    const answer = await readAccount(drivewise.body.access_token);
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("CLIENT_MISMATCH");
  });
});

describe("refresh grant", () => {
  it("rotates the refresh token and refuses the old one with invalid_grant", async () => {
    const first = await sim.passwordGrant(AVA);
    const refreshed = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token,
      ...fleetco,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toMatch(/^rt_/);
    expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(refreshed.body.scope).toBe(first.body.scope);
    expect((await readAccount(refreshed.body.access_token)).status).toBe(200);

    const replay = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token,
      ...fleetco,
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe("invalid_grant");
    const next = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: refreshed.body.refresh_token,
      ...fleetco,
    });
    expect(next.status).toBe(200);
  });

  it("refuses to widen the granted scopes on refresh", async () => {
    const first = await sim.passwordGrant(AVA, { scope: "offline_access vehicle:read" });
    const widened = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token,
      scope: "vehicle:read vehicle:commands",
      ...fleetco,
    });
    expect(widened.status).toBe(400);
    expect(widened.body.error).toBe("invalid_scope");
  });

  it("refuses a refresh token presented by another client", async () => {
    const first = await sim.passwordGrant(AVA);
    const stolen = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token,
      client_id: "drivewise-sandbox",
      client_secret: "secret_sandbox_drivewise",
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error).toBe("invalid_grant");
  });
});

describe("authorization-code flow", () => {
  const redirectUri = "http://127.0.0.1:9/callback";
  const login = (overrides: Record<string, string> = {}) =>
    sim.request("/sandbox/oauth2/authorize", {
      form: {
        response_type: "code",
        client_id: fleetco.client_id,
        redirect_uri: redirectUri,
        state: "st-42",
        username: AVA,
        password: PASSWORD,
        ...overrides,
      },
    });

  it("redirects with code and state, and the code can be exchanged exactly once", async () => {
    const answer = await login();
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe("st-42");
    const code = location.searchParams.get("code")!;
    expect(code).toMatch(/^ac_/);

    const exchange = {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      ...fleetco,
    };
    const first = await tokenRequest(exchange);
    expect(first.status).toBe(200);
    expect((await verifyAgainstJwks(first.body.access_token)).payload.sub).toBe("acct-0001");
    const second = await tokenRequest(exchange);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe("invalid_grant");
  });

  it("refuses a code exchanged with a different redirect_uri", async () => {
    const code = new URL((await login()).headers.get("location")!).searchParams.get("code")!;
    const answer = await tokenRequest({
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://127.0.0.1:9/elsewhere",
      ...fleetco,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("invalid_grant");
  });

  it("answers a wrong password or an unknown client without redirecting", async () => {
    const wrongPassword = await login({ password: "nope" });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.error).toBe("invalid_grant");
    const unknownClient = await login({ client_id: "nobody-sandbox" });
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.body.error).toBe("invalid_request");
    expect(unknownClient.headers.get("location")).toBeNull();
  });
});

describe("revocation", () => {
  it("revokes an access token: the API then answers 401 INVALID_TOKEN with a bearer challenge", async () => {
    const token = (await sim.passwordGrant(AVA)).body.access_token as string;
    expect((await readAccount(token)).status).toBe(200);
    const revoked = await sim.request("/sandbox/oauth2/revoke", {
      form: { token, token_type_hint: "access_token", ...fleetco },
    });
    expect(revoked.status).toBe(200);

    const answer = await readAccount(token);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      status: 401,
      code: "INVALID_TOKEN",
      correlationId: answer.headers.get("x-correlationid"),
    });
    expect(answer.headers.get("www-authenticate")).toMatch(
      /^Bearer realm="connected-services", error="invalid_token"/,
    );
  });

  it("revokes a refresh token so it can no longer be exchanged", async () => {
    const refreshToken = (await sim.passwordGrant(AVA)).body.refresh_token as string;
    expect(
      (await sim.request("/sandbox/oauth2/revoke", { form: { token: refreshToken, ...fleetco } }))
        .status,
    ).toBe(200);
    const answer = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      ...fleetco,
    });
    expect(answer.body.error).toBe("invalid_grant");
  });

  it("refuses to revoke tokens issued to another client, which keep working", async () => {
    const grant = (await sim.passwordGrant(AVA)).body;
    const drivewise = { client_id: "drivewise-sandbox", client_secret: "secret_sandbox_drivewise" };
    for (const token of [grant.access_token, grant.refresh_token]) {
      const answer = await sim.request("/sandbox/oauth2/revoke", { form: { token, ...drivewise } });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe("invalid_request");
    }
    expect((await readAccount(grant.access_token)).status).toBe(200);
    expect(
      (
        await tokenRequest({
          grant_type: "refresh_token",
          refresh_token: grant.refresh_token,
          ...fleetco,
        })
      ).status,
    ).toBe(200);
  });

  it("answers 200 for a token it never issued, and 401 to an unauthenticated client", async () => {
    expect(
      (await sim.request("/sandbox/oauth2/revoke", { form: { token: "not-a-token", ...fleetco } }))
        .status,
    ).toBe(200);
    const anonymous = await sim.request("/sandbox/oauth2/revoke", {
      form: { token: "not-a-token" },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe("invalid_client");
  });
});

describe("token endpoint errors", () => {
  it("answers 401 invalid_client for a wrong secret or an unknown client", async () => {
    for (const client of [
      { ...fleetco, client_secret: "secret_wrong" },
      { client_id: "ghost-sandbox", client_secret: "x" },
      {},
    ]) {
      const answer = await tokenRequest({
        grant_type: "password",
        username: AVA,
        password: PASSWORD,
        ...client,
      });
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe("invalid_client");
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("answers 400 unsupported_grant_type for a grant it does not offer", async () => {
    const answer = await tokenRequest({ grant_type: "client_credentials", ...fleetco });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("unsupported_grant_type");
  });

  it("answers 400 invalid_request naming the missing field", async () => {
    const noGrant = await tokenRequest({ username: AVA, ...fleetco });
    expect(noGrant.body.error).toBe("invalid_request");
    const noPassword = await tokenRequest({ grant_type: "password", username: AVA, ...fleetco });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringContaining("password"),
    });
  });

  it("answers 400 invalid_scope for a scope the client may not request", async () => {
    const answer = await sim.passwordGrant(AVA, {
      tenant: "drivewise",
      scope: "vehicle:read webhook:manage",
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: "invalid_scope",
      error_description: expect.stringContaining("webhook:manage"),
    });
  });

  it("accepts a JSON body as well as a form", async () => {
    const answer = await sim.request("/sandbox/oauth2/token", {
      json: { grant_type: "password", username: AVA, password: PASSWORD, ...fleetco },
    });
    expect(answer.status).toBe(200);
  });
});

describe("signing-key rotation", () => {
  it("keeps tokens signed by the previous key valid when the previous key is not retired", async () => {
    const before = (await sim.passwordGrant(AVA)).body.access_token as string;
    const oldKid = decodeProtectedHeader(before).kid;
    const rotated = await sim.admin("POST", "/admin/keys/rotate", {
      environment: "sandbox",
      retirePrevious: false,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.kid).not.toBe(oldKid);
    expect(rotated.body.retired).toEqual([]);

    const jwks = await sim.request("/sandbox/.well-known/jwks.json");
    expect(jwks.body.keys.map((key: { kid: string }) => key.kid)).toEqual([
      oldKid,
      rotated.body.kid,
    ]);
    expect((await readAccount(before)).status).toBe(200);
    const after = (await sim.passwordGrant(AVA)).body.access_token as string;
    expect(decodeProtectedHeader(after).kid).toBe(rotated.body.kid);
    expect((await verifyAgainstJwks(after)).payload.sub).toBe("acct-0001");
  });

  it("refuses tokens signed by a retired key and keeps issuing working ones", async () => {
    const before = (await sim.passwordGrant(AVA)).body.access_token as string;
    const oldKid = decodeProtectedHeader(before).kid;
    const rotated = await sim.admin("POST", "/admin/keys/rotate", {
      environment: "sandbox",
      retirePrevious: true,
    });
    expect(rotated.body.retired).toEqual([oldKid]);

    const answer = await readAccount(before);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("INVALID_TOKEN");
    expect(answer.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const jwks = await sim.request("/sandbox/.well-known/jwks.json");
    expect(jwks.body.keys.map((key: { kid: string }) => key.kid)).toEqual([rotated.body.kid]);
    expect((await readAccount((await sim.passwordGrant(AVA)).body.access_token)).status).toBe(200);
  });

  it("rotates one environment's key without touching the other's", async () => {
    const prodToken = (await sim.passwordGrant(AVA, { env: "prod" })).body.access_token as string;
    await sim.admin("POST", "/admin/keys/rotate", { environment: "sandbox", retirePrevious: true });
    expect((await readAccount(prodToken, "prod")).status).toBe(200);
  });
});
