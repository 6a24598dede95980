// smartcarAccessToken: a fresh token is used as stored; a dying one is refreshed under a
// database lease, so concurrent callers make exactly one refresh call (Smartcar rotates refresh
// tokens: a second call with the old one would fail) and all get the winner's new token.
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decryptSecret, encryptSecret } from "@/lib/security/encryption";
import {
  connectionForIncident,
  smartcarAccessToken,
  type SmartcarConnectionRuntime,
} from "@/lib/vendors/runtime";
import { clearVendorData, json, smartcarConnection, startVendor } from "./support";

type Vendor = Awaited<ReturnType<typeof startVendor>>;
let vendor: Vendor | undefined;
afterEach(async () => {
  await vendor?.close();
  vendor = undefined;
});
beforeEach(clearVendorData);

/** A token endpoint that rotates: each refresh token works once, like Smartcar's. */
async function rotatingTokenEndpoint(delayMs = 150) {
  let issued = 0;
  const valid = new Set(["refresh-0"]);
  vendor = await startVendor(async (request, response) => {
    const form = new URLSearchParams(request.body);
    if (request.path !== "/oauth/token" || form.get("grant_type") !== "refresh_token")
      return json(response, 404, { error: "not_found" });
    if (
      request.headers.authorization !==
      `Basic ${Buffer.from("client-id-1:client-secret-value-1").toString("base64")}`
    )
      return json(response, 401, { error: "invalid_client" });
    const token = form.get("refresh_token") ?? "";
    await sleep(delayMs);
    if (!valid.delete(token))
      return json(response, 400, {
        error: "invalid_grant",
        error_description: "refresh token already used",
      });
    issued++;
    valid.add(`refresh-${issued}`);
    json(response, 200, {
      access_token: `access-${issued}`,
      token_type: "Bearer",
      expires_in: 7200,
      refresh_token: `refresh-${issued}`,
    });
  });
  return vendor;
}

async function linkedAccount(
  connectionId: string,
  accessExpiresAt: Date,
  label = "ava.active@example.com",
) {
  return db.smartcarAccountLink.create({
    data: {
      connectionId,
      label,
      smartcarUserId: `user-${label}`,
      accessTokenEnc: encryptSecret("access-0"),
      refreshTokenEnc: encryptSecret("refresh-0"),
      accessExpiresAt,
      refreshExpiresAt: new Date(Date.now() + 86_400_000),
    },
  });
}

async function runtimeFor(origin: string) {
  const connection = await smartcarConnection(origin);
  return (await connectionForIncident(connection.id)) as SmartcarConnectionRuntime;
}

describe("smartcarAccessToken", () => {
  it("returns the stored token while it has more than a minute left, without calling Smartcar", async () => {
    const endpoint = await rotatingTokenEndpoint();
    const runtime = await runtimeFor(endpoint.origin);
    const link = await linkedAccount(runtime.id, new Date(Date.now() + 3_600_000));
    expect(await smartcarAccessToken(runtime, "ava.active@example.com")).toEqual({
      ok: true,
      accessToken: "access-0",
      linkId: link.id,
      smartcarUserId: "user-ava.active@example.com",
    });
    // The Smartcar user id names the account as well as the label.
    expect(await smartcarAccessToken(runtime, "user-ava.active@example.com")).toMatchObject({
      ok: true,
    });
    expect(endpoint.received).toHaveLength(0);
  });

  it("refreshes once for parallel callers and every caller gets the new token", async () => {
    const endpoint = await rotatingTokenEndpoint();
    const runtime = await runtimeFor(endpoint.origin);
    const link = await linkedAccount(runtime.id, new Date(Date.now() + 10_000));
    const results = await Promise.all(
      Array.from({ length: 4 }, () => smartcarAccessToken(runtime, "ava.active@example.com")),
    );
    expect(endpoint.received).toHaveLength(1);
    expect(new URLSearchParams(endpoint.received[0]!.body).get("refresh_token")).toBe("refresh-0");
    for (const result of results)
      expect(result).toMatchObject({ ok: true, accessToken: "access-1" });
    const stored = await db.smartcarAccountLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(decryptSecret(stored.refreshTokenEnc)).toBe("refresh-1");
    expect(stored).toMatchObject({
      version: 1,
      refreshLeaseUntil: null,
      refreshLeaseOwner: null,
      lastError: null,
    });
    expect(stored.accessExpiresAt.getTime()).toBeGreaterThan(Date.now() + 7_000_000);
  });

  it("waits for a refresh another instance holds the lease for, then uses its tokens", async () => {
    const endpoint = await rotatingTokenEndpoint();
    const runtime = await runtimeFor(endpoint.origin);
    const link = await linkedAccount(runtime.id, new Date(Date.now() - 1_000));
    // Another app instance holds the lease and finishes its refresh a little later.
    await db.smartcarAccountLink.update({
      where: { id: link.id },
      data: {
        refreshLeaseUntil: new Date(Date.now() + 30_000),
        refreshLeaseOwner: "other-instance",
      },
    });
    const waiting = smartcarAccessToken(runtime, "ava.active@example.com");
    await sleep(200);
    await db.smartcarAccountLink.update({
      where: { id: link.id },
      data: {
        accessTokenEnc: encryptSecret("access-from-other"),
        refreshTokenEnc: encryptSecret("refresh-from-other"),
        accessExpiresAt: new Date(Date.now() + 7_200_000),
        version: { increment: 1 },
        refreshLeaseUntil: null,
        refreshLeaseOwner: null,
      },
    });
    expect(await waiting).toMatchObject({ ok: true, accessToken: "access-from-other" });
    expect(endpoint.received).toHaveLength(0);
  });

  it("reports a refused refresh as a problem naming the call, recorded on the link, for every waiter", async () => {
    const endpoint = await rotatingTokenEndpoint();
    const runtime = await runtimeFor(endpoint.origin);
    const link = await linkedAccount(runtime.id, new Date(Date.now() - 1_000));
    await db.smartcarAccountLink.update({
      where: { id: link.id },
      data: { refreshTokenEnc: encryptSecret("revoked") },
    });
    const results = await Promise.all([
      smartcarAccessToken(runtime, null),
      smartcarAccessToken(runtime, null),
    ]);
    expect(endpoint.received).toHaveLength(1);
    for (const result of results)
      expect(result).toEqual({
        ok: false,
        problem: expect.stringMatching(
          new RegExp(
            `POST ${endpoint.origin}/oauth/token answered 400 invalid_grant .*link the account again`,
          ),
        ),
      });
    const stored = await db.smartcarAccountLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored.lastError).toMatch(/invalid_grant/);
    expect(stored.refreshLeaseOwner).toBeNull();
  });

  it("says which account is missing, and refuses an expired refresh token without calling", async () => {
    const endpoint = await rotatingTokenEndpoint();
    const runtime = await runtimeFor(endpoint.origin);
    expect(await smartcarAccessToken(runtime, "nobody@example.com")).toEqual({
      ok: false,
      problem: expect.stringMatching(/No Smartcar account "nobody@example.com" is linked/),
    });
    const link = await linkedAccount(runtime.id, new Date(Date.now() - 1_000));
    await db.smartcarAccountLink.update({
      where: { id: link.id },
      data: { refreshExpiresAt: new Date(Date.now() - 1) },
    });
    expect(await smartcarAccessToken(runtime, null)).toEqual({
      ok: false,
      problem: expect.stringMatching(/refresh token .* expired .*link the account again/),
    });
    expect(endpoint.received).toHaveLength(0);
  });

  it("turns an HTML answer from the token endpoint into a problem, not a throw", async () => {
    vendor = await startVendor((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<!doctype html><title>Sign in</title>");
    });
    const runtime = await runtimeFor(vendor.origin);
    await linkedAccount(runtime.id, new Date(Date.now() - 1_000));
    expect(await smartcarAccessToken(runtime, null)).toEqual({
      ok: false,
      problem: expect.stringMatching(
        /oauth\/token answered 200 with text\/html, not JSON: "<!doctype html>/,
      ),
    });
  });
});
