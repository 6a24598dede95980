// Every fault kind through the admin API, end to end: inject it, see the vendor's answer
// (status, headers, body), clear it, see the vendor recover. Also targeting, input
// validation, the admin key and the audit trail the faults leave.
import { describe, expect, it } from "vitest";
import {
  ADMIN_KEY,
  API_VERSION,
  clientOf,
  startWebhookReceiver,
  startSimulatorForFile,
  VINS,
  waitFor,
  type Session,
} from "./support";

const sim = startSimulatorForFile();
const AVA = "ava.active@example.com";

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

const avaStatus = (ava: Session) => ava.get(`/v1/vehicles/${VINS.ava}/status`);

describe("subscription_inactive", () => {
  it("answers 403 SUBSCRIPTION_INACTIVE for the targeted vehicle until cleared", async () => {
    const ava = await sim.session(AVA);
    const tom = await sim.session("tom.trial@example.com");
    const id = await sim.injectFault({
      kind: "subscription_inactive",
      target: { vin: VINS.ava },
      params: { status: "unpaid" },
    });

    const refused = await avaStatus(ava);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: "SUBSCRIPTION_INACTIVE",
      details: { subscriptionStatus: "unpaid" },
      message: expect.stringContaining("unpaid"),
    });
    expect((await ava.command(VINS.ava, "lock")).body.code).toBe("SUBSCRIPTION_INACTIVE");
    expect((await ava.get("/v1/subscriptions")).body.subscriptions).toEqual([
      expect.objectContaining({ vin: VINS.ava, status: "unpaid" }),
    ]);
    expect((await tom.get(`/v1/vehicles/${VINS.tom}/status`)).status).toBe(200);

    await sim.clearFault(id);
    expect((await avaStatus(ava)).status).toBe(200);
    expect((await ava.get("/v1/subscriptions")).body.subscriptions[0].status).toBe("active");
  });

  it("refuses to pair a vehicle whose subscription is inactive", async () => {
    const pat = await sim.session("pat.pairing@example.com");
    const id = await sim.injectFault({
      kind: "subscription_inactive",
      target: { vin: VINS.unpairedOnline },
      params: { status: "cancelled" },
    });
    const refused = await pat.post("/v1/pairings", { vin: VINS.unpairedOnline });
    expect(refused.status).toBe(403);
    expect(refused.body.details.subscriptionStatus).toBe("cancelled");
    await sim.clearFault(id);
    expect((await pat.post("/v1/pairings", { vin: VINS.unpairedOnline })).status).toBe(202);
  });
});

describe("account_auth", () => {
  const target = { account: AVA };

  it("token_expired: every token of the account answers 401 INVALID_TOKEN until cleared", async () => {
    const ava = await sim.session(AVA);
    const tom = await sim.session("tom.trial@example.com");
    const id = await sim.injectFault({
      kind: "account_auth",
      target,
      params: { mode: "token_expired" },
    });
    const refused = await ava.get("/v1/account");
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      code: "INVALID_TOKEN",
      message: "The access token expired.",
      error: "invalid_token",
    });
    expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await (await sim.session(AVA)).get("/v1/account")).status).toBe(401);
    expect((await tom.get("/v1/account")).status).toBe(200);
    await sim.clearFault(id);
    expect((await ava.get("/v1/account")).status).toBe(200);
  });

  it("token_revoked: tokens and refresh tokens issued before the fault are refused", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "account_auth",
      target,
      params: { mode: "token_revoked" },
    });
    const refused = await ava.get("/v1/account");
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain("revoked");
    const { clientId, clientSecret } = clientOf("fleetco");
    const refresh = await sim.request("/sandbox/oauth2/token", {
      form: {
        grant_type: "refresh_token",
        refresh_token: ava.refreshToken!,
        client_id: clientId,
        client_secret: clientSecret,
      },
    });
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe("invalid_grant");
    await sim.clearFault(id);
    expect((await (await sim.session(AVA)).get("/v1/account")).status).toBe(200);
  });

  it("password_changed: old tokens answer 401 and the old password gets invalid_grant", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "account_auth",
      target,
      params: { mode: "password_changed" },
    });
    const refused = await ava.get("/v1/account");
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain("password changed");
    const signIn = await sim.passwordGrant(AVA);
    expect(signIn.status).toBe(400);
    expect(signIn.body.error).toBe("invalid_grant");
    expect((await sim.passwordGrant("tom.trial@example.com")).status).toBe(200);
    await sim.clearFault(id);
    expect((await (await sim.session(AVA)).get("/v1/account")).status).toBe(200);
  });

  it("verification_pending: 403 ACCOUNT_VERIFICATION_PENDING until cleared", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "account_auth",
      target,
      params: { mode: "verification_pending" },
    });
    const refused = await ava.get("/v1/vehicles");
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("ACCOUNT_VERIFICATION_PENDING");
    await sim.clearFault(id);
    expect((await ava.get("/v1/vehicles")).status).toBe(200);
  });
});

describe("missing_scope", () => {
  it("drops the scope: 403 INSUFFICIENT_SCOPE naming it with an insufficient_scope challenge", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "missing_scope",
      target: { tenant: "fleetco" },
      params: { scope: "vehicle:commands" },
    });
    const refused = await ava.command(VINS.ava, "lock");
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: "INSUFFICIENT_SCOPE",
      details: { requiredScope: "vehicle:commands" },
      message: expect.stringContaining("vehicle:commands"),
    });
    expect(refused.headers.get("www-authenticate")).toMatch(
      /error="insufficient_scope".*scope="vehicle:commands"/,
    );
    const fresh = await sim.passwordGrant(AVA);
    expect(fresh.body.scope.split(" ")).not.toContain("vehicle:commands");
    expect(
      (await (await sim.session(AVA, { tenant: "drivewise" })).command(VINS.ava, "lock")).status,
    ).toBe(202);

    await sim.clearFault(id);
    expect((await ava.command(VINS.ava, "lock")).status).toBe(202);
  });
});

describe("vehicle_not_linked", () => {
  it.each(["unlinked", "vin_mismatch", "ownership_transferred"])(
    "%s: 403 VEHICLE_NOT_LINKED with that reason until cleared",
    async (mode) => {
      const ava = await sim.session(AVA);
      const id = await sim.injectFault({
        kind: "vehicle_not_linked",
        target: { vin: VINS.ava },
        params: { mode },
      });
      const refused = await avaStatus(ava);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: "VEHICLE_NOT_LINKED", details: { reason: mode } });
      expect((await ava.get("/v1/vehicles")).body.vehicles).toEqual([]);
      await sim.clearFault(id);
      expect((await avaStatus(ava)).status).toBe(200);
      expect((await ava.get("/v1/vehicles")).body.vehicles).toHaveLength(1);
    },
  );

  it("not_primary: the account drives as a secondary driver until cleared", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "vehicle_not_linked",
      target: { account: AVA },
      params: { mode: "not_primary" },
    });
    const refused = await ava.command(VINS.ava, "engine_start");
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("NOT_PRIMARY_DRIVER");
    expect((await ava.command(VINS.ava, "lock")).status).toBe(202);
    expect((await ava.get("/v1/vehicles")).body.vehicles).toEqual([
      expect.objectContaining({ vin: VINS.ava, role: "secondary" }),
    ]);
    await sim.clearFault(id);
    expect((await ava.command(VINS.ava, "engine_start")).status).toBe(202);
    expect((await ava.get("/v1/vehicles")).body.vehicles[0].role).toBe("primary");
  });
});

describe("app_version", () => {
  it("raises the minimum app version: 426 APP_UPGRADE_REQUIRED until cleared", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({ kind: "app_version", params: { minAppVersion: "4.0.0" } });
    const refused = await ava.get("/v1/account", { "x-app-version": "3.4.0" });
    expect(refused.status).toBe(426);
    expect(refused.body).toMatchObject({
      code: "APP_UPGRADE_REQUIRED",
      details: { minimumVersion: "4.0.0" },
    });
    expect(refused.headers.get("upgrade")).toBe("app/4.0.0");
    expect((await ava.get("/v1/account", { "x-app-version": "4.0.1" })).status).toBe(200);
    await sim.clearFault(id);
    expect((await ava.get("/v1/account", { "x-app-version": "3.4.0" })).status).toBe(200);
  });

  it("sunsets an API version: 410 API_VERSION_SUNSET until cleared", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "app_version",
      params: { sunsetApiVersion: "2025-01-15" },
    });
    const refused = await ava.get("/v1/account", { "x-api-version": "2025-01-15" });
    expect(refused.status).toBe(410);
    expect(refused.body).toMatchObject({
      code: "API_VERSION_SUNSET",
      details: { latest: API_VERSION },
    });
    expect((await ava.get("/v1/account")).status).toBe(200);
    await sim.clearFault(id);
    expect((await ava.get("/v1/account", { "x-api-version": "2025-01-15" })).status).toBe(200);
  });
});

describe("vehicle_connectivity", () => {
  it("unreachable: status shows it and commands time out, until cleared", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "vehicle_connectivity",
      target: { vin: VINS.ava },
      params: { mode: "unreachable" },
    });
    expect((await avaStatus(ava)).body).toMatchObject({
      reachability: "unreachable",
      signalBars: 0,
    });
    const accepted = await ava.command(VINS.ava, "lock");
    expect(accepted.status).toBe(202);
    expect(await ava.settledCommand(VINS.ava, accepted.body.commandId)).toMatchObject({
      status: "timed_out",
      failureCode: "TCU_UNREACHABLE",
    });
    await sim.clearFault(id);
    expect((await avaStatus(ava)).body).toMatchObject({ reachability: "online", signalBars: 4 });
    const after = await ava.command(VINS.ava, "lock");
    expect(await ava.settledCommand(VINS.ava, after.body.commandId)).toMatchObject({
      status: "completed",
    });
  });

  it("weak_signal: status shows one bar and commands are rejected, until cleared", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "vehicle_connectivity",
      target: { vin: VINS.ava },
      params: { mode: "weak_signal" },
    });
    expect((await avaStatus(ava)).body).toMatchObject({
      reachability: "weak_signal",
      signalBars: 1,
    });
    const accepted = await ava.command(VINS.ava, "unlock");
    expect(await ava.settledCommand(VINS.ava, accepted.body.commandId)).toMatchObject({
      status: "rejected",
      failureCode: "TCU_WEAK_SIGNAL",
    });
    await sim.clearFault(id);
    const after = await ava.command(VINS.ava, "unlock");
    expect((await ava.settledCommand(VINS.ava, after.body.commandId)).status).toBe("completed");
  });

  it("asleep: status shows it and commands complete late, after a wake-up", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "vehicle_connectivity",
      target: { vin: VINS.ava },
      params: { mode: "asleep" },
    });
    expect((await avaStatus(ava)).body.reachability).toBe("asleep");
    const accepted = await ava.command(VINS.ava, "lock");
    const late = await ava.settledCommand(VINS.ava, accepted.body.commandId);
    expect(late).toMatchObject({ status: "completed", result: { wokeUp: true } });
    expect(Date.parse(late.updatedAt) - Date.parse(late.createdAt)).toBeGreaterThanOrEqual(90);
    await sim.clearFault(id);
    const after = await ava.command(VINS.ava, "lock");
    const prompt = await ava.settledCommand(VINS.ava, after.body.commandId);
    expect(prompt.result.wokeUp).toBeUndefined();
  });

  it("fails a pairing with an unreachable or weak vehicle", async () => {
    const pat = await sim.session("pat.pairing@example.com");
    const id = await sim.injectFault({
      kind: "vehicle_connectivity",
      target: { vin: VINS.unpairedOnline },
      params: { mode: "weak_signal" },
    });
    const started = await pat.post("/v1/pairings", { vin: VINS.unpairedOnline });
    expect(await pat.settledPairing(started.body.id)).toMatchObject({
      status: "failed",
      failureCode: "PAIRING_WEAK_SIGNAL",
      message: "Couldn't pair your vehicle. Please try again.",
    });
    await sim.clearFault(id);
    const retried = await pat.post("/v1/pairings", { vin: VINS.unpairedOnline });
    expect((await pat.settledPairing(retried.body.id)).status).toBe("confirmed");
  });
});

describe("phone_network", () => {
  it("reset: the connection is reset, nothing reaches the request log, until cleared", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "phone_network",
      target: { tenant: "fleetco" },
      params: { mode: "reset" },
    });
    await expect(ava.get("/v1/account", { "x-correlationid": "corr-phone-reset" })).rejects.toThrow(
      TypeError,
    );
    expect(await sim.loggedRequests("corr-phone-reset")).toEqual([]);
    expect(
      (await (await sim.session(AVA, { tenant: "drivewise" })).get("/v1/account")).status,
    ).toBe(200);

    await sim.clearFault(id);
    expect((await ava.get("/v1/account", { "x-correlationid": "corr-phone-ok" })).status).toBe(200);
    expect(await sim.loggedRequests("corr-phone-ok")).toHaveLength(1);
  });

  it("blackhole: the request hangs until the client gives up, and is never logged", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "phone_network",
      target: { tenant: "fleetco" },
      params: { mode: "blackhole" },
    });
    const { value: outcome, ms } = await timed(() =>
      ava
        .call("GET", "/v1/account", {
          headers: { "x-correlationid": "corr-phone-hole" },
          signal: AbortSignal.timeout(250),
        })
        .then(
          () => "answered",
          (error: Error) => error.name,
        ),
    );
    expect(outcome).toBe("TimeoutError");
    expect(ms).toBeGreaterThanOrEqual(240);
    expect(await sim.loggedRequests("corr-phone-hole")).toEqual([]);
    await sim.clearFault(id);
    expect((await ava.get("/v1/account")).status).toBe(200);
  });

  it("aimed at one account: that account's calls are reset, another account's on the same tenant are not", async () => {
    const [ava, tom] = [await sim.session(AVA), await sim.session("tom.trial@example.com")];
    const id = await sim.injectFault({
      kind: "phone_network",
      target: { account: AVA },
      params: { mode: "reset" },
    });
    await expect(ava.get("/v1/account", { "x-correlationid": "corr-phone-ava" })).rejects.toThrow(
      TypeError,
    );
    expect((await tom.get("/v1/account")).status).toBe(200);
    expect(await sim.loggedRequests("corr-phone-ava")).toEqual([]);
    await sim.clearFault(id);
    expect((await ava.get("/v1/account")).status).toBe(200);
  });

  it("environment-wide: every caller's request is reset, sign-in included, while the operator's admin calls and prod still answer", async () => {
    const id = await sim.injectFault({ kind: "phone_network", params: { mode: "reset" } });
    await expect(sim.passwordGrant(AVA)).rejects.toThrow(TypeError);
    await expect(sim.asClient("drivewise", "GET", "/console/audit")).rejects.toThrow(TypeError);
    expect((await sim.passwordGrant(AVA, { env: "prod" })).status).toBe(200);
    expect(await sim.loggedRequests("corr-nothing-here")).toEqual([]);
    await sim.clearFault(id);
    expect((await sim.passwordGrant(AVA)).status).toBe(200);
  });
});

describe("server_outage", () => {
  it("unavailable: 503 with Retry-After, a major outage on the status page, history after clearing", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "server_outage",
      durationS: 600,
      note: "database failover",
      params: { mode: "unavailable" },
    });
    const refused = await ava.get("/v1/account");
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      correlationId: refused.headers.get("x-correlationid"),
    });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await sim.passwordGrant(AVA)).status).toBe(503);
    const status = await sim.request("/sandbox/status");
    expect(status.body).toMatchObject({
      status: "major_outage",
      incidents: [
        expect.objectContaining({
          id,
          mode: "unavailable",
          scope: "all endpoints",
          note: "database failover",
        }),
      ],
    });
    expect((await sim.request("/prod/status")).body.status).toBe("operational");
    expect((await sim.asClient("fleetco", "GET", "/console/audit")).status).toBe(200);

    await sim.clearFault(id);
    expect((await ava.get("/v1/account")).status).toBe(200);
    expect((await sim.request("/sandbox/status")).body.status).toBe("operational");
    const history = await sim.asClient("fleetco", "GET", "/console/status-history");
    expect(history.body.windows).toEqual([
      expect.objectContaining({ id, kind: "incident", mode: "unavailable" }),
    ]);
    expect(Date.parse(history.body.windows[0].endsAt)).toBeLessThanOrEqual(Date.now());
  });

  it("aimed at one account: that account's calls fail, another account's do not, and nothing is held twice", async () => {
    const [ava, tom] = [await sim.session(AVA), await sim.session("tom.trial@example.com")];
    const outage = await sim.injectFault({
      kind: "server_outage",
      target: { account: AVA },
      params: { mode: "unavailable" },
    });
    expect((await ava.get("/v1/account")).status).toBe(503);
    expect((await tom.get("/v1/account")).status).toBe(200);
    await sim.clearFault(outage);

    const slow = await sim.injectFault({
      kind: "latency",
      target: { account: AVA },
      params: { stallMs: 300 },
    });
    const { value: stalled, ms: stalledMs } = await timed(() => ava.get("/v1/account"));
    expect(stalled.status).toBe(200);
    expect(stalledMs).toBeGreaterThanOrEqual(290);
    expect(stalledMs).toBeLessThan(590);
    const { ms: otherMs } = await timed(() => tom.get("/v1/account"));
    expect(otherMs).toBeLessThan(250);
    await sim.clearFault(slow);
  });

  it("maintenance: 503 SCHEDULED_MAINTENANCE and the status page says under_maintenance", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "server_outage",
      durationS: 120,
      params: { mode: "maintenance" },
    });
    const refused = await ava.get("/v1/vehicles");
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe("SCHEDULED_MAINTENANCE");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const status = await sim.request("/sandbox/status");
    expect(status.body).toMatchObject({
      status: "under_maintenance",
      maintenance: [expect.objectContaining({ id, kind: "maintenance" })],
      incidents: [],
    });
    await sim.clearFault(id);
    expect((await ava.get("/v1/vehicles")).status).toBe(200);
    expect((await sim.asClient("fleetco", "GET", "/console/status-history")).body.windows).toEqual([
      expect.objectContaining({ id, kind: "maintenance" }),
    ]);
  });

  it("announces scheduled maintenance on the status page before it starts", async () => {
    const ava = await sim.session(AVA);
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const answer = await sim.admin("POST", "/admin/faults", {
      kind: "server_outage",
      environment: "sandbox",
      startsAt,
      durationS: 1800,
      params: { mode: "maintenance" },
    });
    expect(answer.status).toBe(201);
    const status = await sim.request("/sandbox/status");
    expect(status.body).toMatchObject({
      status: "operational",
      maintenance: [expect.objectContaining({ id: answer.body.id, startsAt })],
    });
    expect((await ava.get("/v1/account")).status).toBe(200);
  });

  it("timeout: the request is held for holdMs and answered 504", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "server_outage",
      params: { mode: "timeout", holdMs: 150 },
    });
    const { value: held, ms } = await timed(() => ava.get("/v1/account"));
    expect(held.status).toBe(504);
    expect(held.body.code).toBe("UPSTREAM_TIMEOUT");
    expect(ms).toBeGreaterThanOrEqual(140);
    await sim.clearFault(id);
    expect((await ava.get("/v1/account")).status).toBe(200);
  });

  it("pathPrefix limits the outage to those endpoints and the status page shows a partial outage", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "server_outage",
      params: { mode: "unavailable", pathPrefix: "/v1/vehicles" },
    });
    expect((await ava.get("/v1/vehicles")).status).toBe(503);
    expect((await ava.command(VINS.ava, "lock")).status).toBe(503);
    expect((await ava.get("/v1/account")).status).toBe(200);
    expect((await sim.request("/sandbox/status")).body).toMatchObject({
      status: "partial_outage",
      incidents: [expect.objectContaining({ scope: "/v1/vehicles" })],
    });
    await sim.clearFault(id);
    expect((await ava.get("/v1/vehicles")).status).toBe(200);
  });
});

describe("rate_limited", () => {
  it("tightens the client's limit: 429 early, visible in the quota console, until cleared", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "rate_limited",
      target: { tenant: "fleetco" },
      params: { limit: 3, windowS: 3600 },
    });
    const answers = [];
    for (let sent = 0; sent < 4; sent++) answers.push(await ava.get("/v1/account"));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers.get("x-ratelimit-limit")).toBe("3");
    const limited = answers[3]!;
    expect(limited.body).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      details: { limitScope: "api key" },
    });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(3600);

    const quota = await sim.asClient("fleetco", "GET", "/console/quota");
    expect(quota.body.quotas).toEqual([
      {
        tenant: "fleetco",
        keyRateLimit: { limit: 3, windowS: 3600 },
        tokenRateLimit: { limit: 3, windowS: 3600 },
        usedInCurrentWindow: 4,
        limitedByFault: true,
      },
    ]);
    expect(
      (await (await sim.session(AVA, { tenant: "drivewise" })).get("/v1/account")).status,
    ).toBe(200);

    await sim.clearFault(id);
    expect((await ava.get("/v1/account")).status).toBe(200);
    expect((await sim.asClient("fleetco", "GET", "/console/quota")).body.quotas[0]).toMatchObject({
      keyRateLimit: { limit: 50, windowS: 1 },
      limitedByFault: false,
    });
  });
});

describe("region_unavailable", () => {
  it("withdraws one feature: 403 FEATURE_NOT_AVAILABLE_IN_REGION for it only, until cleared", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({
      kind: "region_unavailable",
      target: { vin: VINS.ava },
      params: { feature: "remote_lock" },
    });
    const refused = await ava.command(VINS.ava, "lock");
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: "FEATURE_NOT_AVAILABLE_IN_REGION",
      details: { feature: "remote_lock", market: "US" },
    });
    expect((await ava.command(VINS.ava, "unlock")).status).toBe(202);
    const features = (await ava.get(`/v1/vehicles/${VINS.ava}/features`)).body.features;
    expect(features).toContainEqual({ feature: "remote_lock", available: false });
    expect(features).toContainEqual({ feature: "remote_unlock", available: true });
    await sim.clearFault(id);
    expect((await ava.command(VINS.ava, "lock")).status).toBe(202);
  });

  it("without a feature, withdraws every feature including status", async () => {
    const ava = await sim.session(AVA);
    const id = await sim.injectFault({ kind: "region_unavailable", target: { vin: VINS.ava } });
    expect((await avaStatus(ava)).body.code).toBe("FEATURE_NOT_AVAILABLE_IN_REGION");
    await sim.clearFault(id);
    expect((await avaStatus(ava)).status).toBe(200);
  });
});

describe("latency", () => {
  it("stalls the targeted client's answers by stallMs, until cleared", async () => {
    const ava = await sim.session(AVA);
    const other = await sim.session(AVA, { tenant: "drivewise" });
    const id = await sim.injectFault({
      kind: "latency",
      target: { tenant: "fleetco" },
      params: { stallMs: 300 },
    });
    const slow = await timed(() => ava.get("/v1/account"));
    expect(slow.value.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(290);
    expect((await timed(() => other.get("/v1/account"))).ms).toBeLessThan(200);
    await sim.clearFault(id);
    expect((await timed(() => ava.get("/v1/account"))).ms).toBeLessThan(200);
  });

  it("delays answers along a lognormal curve between median and p99", async () => {
    const ava = await sim.session(AVA);
    await sim.injectFault({ kind: "latency", params: { medianMs: 40, p99Ms: 60 } });
    const durations = [];
    for (let sent = 0; sent < 5; sent++)
      durations.push((await timed(() => ava.get("/v1/account"))).ms);
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(15);
  });
});

describe("error_rate", () => {
  it("rate 1 fails every answer with the chosen 5xx; rate 0 fails none; clearing recovers", async () => {
    const ava = await sim.session(AVA);
    const always = await sim.injectFault({ kind: "error_rate", params: { rate: 1, status: 502 } });
    for (let sent = 0; sent < 10; sent++) {
      const answer = await ava.get("/v1/account");
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({ status: 502, code: "INTERNAL_ERROR" });
    }
    await sim.clearFault(always);
    const never = await sim.injectFault({ kind: "error_rate", params: { rate: 0 } });
    for (let sent = 0; sent < 10; sent++) expect((await ava.get("/v1/account")).status).toBe(200);
    await sim.clearFault(never);
    expect((await ava.get("/v1/account")).status).toBe(200);
  });

  it("fails the same requests again after a reset with the same seed", async () => {
    const pattern = async () => {
      await sim.reset();
      const ava = await sim.session(AVA);
      await sim.injectFault({ kind: "error_rate", params: { rate: 0.5 } });
      const statuses = [];
      for (let sent = 0; sent < 16; sent++) statuses.push((await ava.get("/v1/account")).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });
});

describe("targeting and lifetime", () => {
  it("keeps a fault on one VIN, tenant or environment away from the others", async () => {
    const ava = await sim.session(AVA);
    const tom = await sim.session("tom.trial@example.com");
    const avaProd = await sim.session(AVA, { env: "prod" });
    await sim.injectFault({
      kind: "vehicle_connectivity",
      target: { vin: VINS.tom },
      params: { mode: "unreachable" },
    });
    await sim.injectFault({
      kind: "server_outage",
      target: { tenant: "drivewise" },
      params: { mode: "unavailable" },
    });
    await sim.injectFault({
      kind: "account_auth",
      environment: "prod",
      target: { account: "acct-0002" },
      params: { mode: "token_expired" },
    });
    expect((await avaStatus(ava)).body.reachability).toBe("online");
    expect((await tom.get(`/v1/vehicles/${VINS.tom}/status`)).body.reachability).toBe(
      "unreachable",
    );
    expect(
      (await (await sim.session(AVA, { tenant: "drivewise" })).get("/v1/account")).status,
    ).toBe(503);
    expect((await ava.get("/v1/account")).status).toBe(200);
    expect((await avaProd.get("/v1/account")).status).toBe(200);
    expect((await tom.get("/v1/account")).status).toBe(200);
    expect(
      (await (await sim.session("tom.trial@example.com", { env: "prod" })).get("/v1/account"))
        .status,
    ).toBe(401);
  });

  it("lists active faults and clears them all at once", async () => {
    await sim.injectFault({ kind: "latency", params: { stallMs: 1 } });
    await sim.injectFault({ kind: "error_rate", environment: "prod", params: { rate: 1 } });
    const listed = await sim.admin("GET", "/admin/faults");
    expect(listed.body.faults.map((fault: { kind: string }) => fault.kind)).toEqual([
      "latency",
      "error_rate",
    ]);
    expect(listed.body.kinds).toHaveLength(12);
    const cleared = await sim.admin("DELETE", "/admin/faults");
    expect(cleared.body.cleared).toHaveLength(2);
    expect((await sim.admin("GET", "/admin/faults")).body.faults).toEqual([]);
    expect((await sim.admin("DELETE", "/admin/faults/fault_unknown")).status).toBe(404);
  });

  it("ends a fault by itself when its duration has passed", async () => {
    const ava = await sim.session(AVA);
    await sim.injectFault({ kind: "server_outage", durationS: 1, params: { mode: "unavailable" } });
    expect((await ava.get("/v1/account")).status).toBe(503);
    const recovered = await waitFor(
      () => ava.get("/v1/account"),
      (answer) => answer.status === 200,
      { timeoutMs: 2_500, intervalMs: 100 },
    );
    expect(recovered.status).toBe(200);
  });
});

describe("fault input and admin access", () => {
  const refusedFields = async (input: unknown) => {
    const answer = await sim.admin("POST", "/admin/faults", input);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("INVALID_REQUEST");
    return answer.body.details.fields as Record<string, string>;
  };

  it("answers 400 naming the field for an unknown kind, bad params or a bad VIN", async () => {
    expect(await refusedFields({ kind: "meteor_strike", environment: "sandbox" })).toHaveProperty([
      "body.kind",
    ]);
    expect(
      await refusedFields({
        kind: "account_auth",
        environment: "sandbox",
        params: { mode: "sometimes" },
      }),
    ).toHaveProperty(["body.params.mode"]);
    expect(
      await refusedFields({ kind: "rate_limited", environment: "sandbox", params: {} }),
    ).toHaveProperty(["body.params.limit"]);
    expect(
      await refusedFields({ kind: "error_rate", environment: "sandbox", params: { rate: 2 } }),
    ).toHaveProperty(["body.params.rate"]);
    expect(
      await refusedFields({
        kind: "latency",
        environment: "sandbox",
        target: { vin: "JTMBFREVXRD10000I" },
      }),
    ).toEqual({ "body.target.vin": expect.stringContaining("17 characters") });
    expect(await refusedFields({ kind: "latency", environment: "staging" })).toHaveProperty([
      "body.environment",
    ]);
    expect(
      await refusedFields({ kind: "latency", environment: "sandbox", durationS: 0 }),
    ).toHaveProperty(["body.durationS"]);
    expect(
      await refusedFields({ kind: "latency", environment: "sandbox", target: { region: "EU" } }),
    ).toHaveProperty(["body.target"]);
    expect(
      Object.keys(await refusedFields({ kind: "app_version", environment: "sandbox" }))[0],
    ).toMatch(/^body\.params/);
    expect((await sim.admin("GET", "/admin/faults")).body.faults).toEqual([]);
  });

  it("answers 401 to admin calls without the right admin key", async () => {
    const calls: Array<[string, string, unknown?]> = [
      ["GET", "/admin/faults"],
      ["POST", "/admin/faults", { kind: "latency", environment: "sandbox" }],
      ["DELETE", "/admin/faults"],
      ["POST", "/admin/reset"],
      ["POST", "/admin/keys/rotate", { environment: "sandbox" }],
    ];
    for (const [method, path, json] of calls) {
      for (const headers of [
        {},
        { "x-admin-key": "not-the-key" },
        { "x-api-key": "key_sandbox_fleetco" },
      ] as Array<Record<string, string>>) {
        const answer = await sim.request(path, { method, json, headers });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.code).toBe("INVALID_ADMIN_KEY");
      }
    }
    expect((await sim.admin("GET", "/admin/faults")).body.faults).toEqual([]);
  });
});

describe("audit log", () => {
  it("records key rotations, scope changes, subscription changes and relinks", async () => {
    await sim.admin("POST", "/admin/keys/rotate", { environment: "sandbox" });
    await sim.injectFault({
      kind: "missing_scope",
      target: { tenant: "fleetco" },
      params: { scope: "vehicle:location" },
    });
    await sim.injectFault({
      kind: "subscription_inactive",
      target: { tenant: "fleetco", vin: VINS.tom },
    });
    const pat = await sim.session("pat.pairing@example.com");
    const started = await pat.post("/v1/pairings", { vin: VINS.unpairedOnline });
    await pat.settledPairing(started.body.id);

    const audit = await sim.request("/sandbox/console/audit", {
      headers: { "x-admin-key": ADMIN_KEY },
    });
    expect(audit.status).toBe(200);
    expect(audit.body.entries.map((entry: { kind: string }) => entry.kind)).toEqual([
      "relink",
      "subscription_change",
      "scope_change",
      "key_rotation",
    ]);
    expect(audit.body.entries[0]).toMatchObject({
      tenant: "fleetco",
      details: { vin: VINS.unpairedOnline, role: "primary" },
    });
    expect(audit.body.entries[1]).toMatchObject({ details: { status: "expired" } });
    expect(audit.body.entries[2]).toMatchObject({ details: { scope: "vehicle:location" } });

    const drivewise = await sim.asClient("drivewise", "GET", "/console/audit");
    expect(drivewise.body.entries.map((entry: { kind: string }) => entry.kind)).toEqual([
      "key_rotation",
    ]);
    expect(
      (await sim.request("/prod/console/audit", { headers: { "x-admin-key": ADMIN_KEY } })).body
        .entries,
    ).toEqual([]);
  });

  it("announces a subscription change to webhook subscribers", async () => {
    const receiver = await startWebhookReceiver();
    try {
      await sim.asClient("fleetco", "POST", "/v1/webhooks", {
        url: receiver.url,
        events: ["subscription.changed"],
      });
      await sim.injectFault({
        kind: "subscription_inactive",
        target: { tenant: "fleetco", vin: VINS.ava },
        params: { status: "unpaid" },
      });
      await waitFor(
        async () => receiver.receipts.length,
        (count) => count === 1,
      );
      expect(JSON.parse(receiver.receipts[0]!.body)).toMatchObject({
        type: "subscription.changed",
        data: { status: "unpaid", vin: VINS.ava },
      });
    } finally {
      await receiver.close();
    }
  });
});
