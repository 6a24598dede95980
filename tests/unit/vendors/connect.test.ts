// Linking a Smartcar account through Connect, against the simulator's Smartcar face: Pitstop's
// one-time state, the code exchange, the user behind the token, the tokens kept encrypted, and
// refusals for a declined sign-in, a replayed, expired or another admin's state. Then the
// linked account's token refreshes once for parallel callers against the face's rotation.
import { createServer } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { buildSimulatorServer } from "@/lib/simulator/server";
import { SMARTCAR_DIAGNOSIS_SCOPES } from "@/lib/vendors/constants";
import { completeConnect, startConnect } from "@/lib/vendors/connect";
import {
  connectionForIncident,
  smartcarAccessToken,
  type SmartcarConnectionRuntime,
} from "@/lib/vendors/runtime";
import { testVendorConnection } from "@/lib/vendors/test-connection";
import { userActor } from "@/tests/support/db-factories";
import { clearVendorData, smartcarConnection } from "./support";

const PITSTOP = "http://pitstop.test";
const PASSWORD = "Drive-2026!";
let app: FastifyInstance;
let face = "";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  ({ app } = await buildSimulatorServer({
    seed: 20261123,
    timeScale: 0.01,
    publicUrl,
    adminKey: "connect-test-admin-key",
    allowAnyWebhookHost: false,
    accessTokenTtlS: 3600,
    smartcarRedirectUris: [`${PITSTOP}/admin/vendors/callback`],
  }));
  await app.listen({ port, host: "127.0.0.1" });
  face = `${publicUrl}/smartcar/sandbox`;
});
afterAll(async () => {
  await app?.close();
});
beforeEach(clearVendorData);

const demoConnection = () =>
  smartcarConnection(face, {
    clientId: "sc-demo-client",
    clientSecret: "sc-demo-secret",
    managementToken: "sc-demo-amt",
  });

/** The account owner at Connect's sign-in form: the 302 back to Pitstop's callback. */
async function signInAtConnect(url: string, email: string, password = PASSWORD) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(`${PITSTOP}/admin/vendors/callback`);
  return Object.fromEntries(back.searchParams) as Record<string, string>;
}

async function started(connectionId: string, label: string) {
  const admin = await userActor("admin");
  const start = await startConnect(connectionId, label, admin, PITSTOP);
  if (!start.ok) throw new Error(start.message);
  return { admin, url: start.url };
}

describe("Connect from Pitstop", () => {
  it("links an account: state checked and spent, code exchanged, user read, tokens encrypted", async () => {
    const connection = await demoConnection();
    const { admin, url } = await started(connection.id, "ava.active@example.com");
    const authorize = new URL(url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${face}/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "sc-demo-client",
      redirect_uri: `${PITSTOP}/admin/vendors/callback`,
      scope: SMARTCAR_DIAGNOSIS_SCOPES.join(" "),
      mode: "test",
    });
    const answer = await signInAtConnect(url, "ava.active@example.com");
    expect(answer.state).toBe(authorize.searchParams.get("state"));
    const linked = await completeConnect(answer, admin);
    expect(linked).toMatchObject({
      ok: true,
      connectionId: connection.id,
      label: "ava.active@example.com",
    });
    const [link] = await db.smartcarAccountLink.findMany({
      where: { connectionId: connection.id },
    });
    expect(link!.smartcarUserId).toBe((linked as { smartcarUserId: string }).smartcarUserId);
    expect(link!.accessTokenEnc).toMatch(/^v1\./);
    expect(link!.refreshTokenEnc).toMatch(/^v1\./);

    expect(await completeConnect(answer, admin)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already used/),
    });

    const report = await testVendorConnection(connection.id, { origin: PITSTOP });
    expect(report!.steps.map(({ call, outcome }) => [call, outcome])).toEqual([
      [`Client credentials: POST ${face}/oauth/token`, "pass"],
      [`Management token: GET ${face}/v2.0/management/connections?limit=1`, "pass"],
      [`Linked account ava.active@example.com: GET ${face}/v2.0/user`, "pass"],
    ]);
  });

  it("refuses a declined sign-in, an expired state and another admin's state", async () => {
    const connection = await demoConnection();
    const declined = await started(connection.id, "ava.active@example.com");
    const answer = await signInAtConnect(declined.url, "ava.active@example.com", "wrong password");
    expect(answer.error).toBe("access_denied");
    expect(await completeConnect(answer, declined.admin)).toMatchObject({
      ok: false,
      connectionId: connection.id,
      message: expect.stringMatching(
        /^The account owner declined access in Smartcar Connect.*nothing was linked/,
      ),
    });

    const late = await started(connection.id, "ava.active@example.com");
    const lateAnswer = await signInAtConnect(late.url, "ava.active@example.com");
    await db.smartcarConnectState.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await completeConnect(lateAnswer, late.admin)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/longer than 10 minutes/),
    });

    const other = await started(connection.id, "ava.active@example.com");
    const otherAnswer = await signInAtConnect(other.url, "ava.active@example.com");
    const someoneElse = { ...(await userActor("admin")), id: "another-admin" };
    expect(await completeConnect(otherAnswer, someoneElse)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/started by another admin/),
    });
    expect(await completeConnect({ state: "made-up", code: "x" }, other.admin)).toMatchObject({
      ok: false,
      connectionId: null,
    });
    expect(await db.smartcarAccountLink.count()).toBe(0);
  });

  it("refreshes the linked account once for parallel callers against the face's rotating refresh tokens", async () => {
    const connection = await demoConnection();
    const { admin, url } = await started(connection.id, "ava.active@example.com");
    expect(
      (await completeConnect(await signInAtConnect(url, "ava.active@example.com"), admin)).ok,
    ).toBe(true);
    const runtime = (await connectionForIncident(connection.id)) as SmartcarConnectionRuntime;
    const first = await smartcarAccessToken(runtime, "ava.active@example.com");
    if (!first.ok) throw new Error(first.problem);
    await db.smartcarAccountLink.updateMany({
      data: { accessExpiresAt: new Date(Date.now() - 1_000) },
    });
    const results = await Promise.all(
      Array.from({ length: 3 }, () => smartcarAccessToken(runtime, "ava.active@example.com")),
    );
    const tokens = new Set(
      results.map((result) => (result.ok ? result.accessToken : result.problem)),
    );
    // A second refresh with the spent refresh token would have been refused (invalid_grant).
    expect(results.every((result) => result.ok)).toBe(true);
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe(first.accessToken);
    expect((await db.smartcarAccountLink.findFirstOrThrow()).version).toBe(1);
  });
});
