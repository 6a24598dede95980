// The vendor's flows end to end over HTTP: accounts, vehicles, remote commands, pairing,
// webhooks, version gates, rate limits, correlation ids, the request log and the personas
// that reproduce one behaviour each by default.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ADMIN_KEY,
  API_VERSION,
  startWebhookReceiver,
  startSimulatorForFile,
  VINS,
  waitFor,
} from "./support";

const sim = startSimulatorForFile();
const PAIRING_FAILED = "Couldn't pair your vehicle. Please try again.";

describe("account, subscriptions and vehicles", () => {
  it("returns the signed-in account with its vehicle count", async () => {
    const ava = await sim.session("ava.active@example.com");
    const answer = await ava.get("/v1/account");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id: "acct-0001",
      email: "ava.active@example.com",
      name: "Ava Active",
      market: "US",
      verification: "verified",
      vehicleCount: 1,
    });
  });

  it("lists the subscription of each linked vehicle with its status", async () => {
    const tom = await sim.session("tom.trial@example.com");
    const answer = await tom.get("/v1/subscriptions");
    expect(answer.status).toBe(200);
    expect(answer.body.subscriptions).toEqual([
      { vin: VINS.tom, plan: "Remote Connect", status: "trial", expiresAt: expect.any(String) },
    ]);
    expect(Date.parse(answer.body.subscriptions[0].expiresAt)).toBeGreaterThan(Date.now());
  });

  it("lists linked vehicles with the account's role on each", async () => {
    const ava = await sim.session("ava.active@example.com");
    const sid = await sim.session("sid.second@example.com");
    expect((await ava.get("/v1/vehicles")).body.vehicles).toEqual([
      expect.objectContaining({ vin: VINS.ava, model: "RAV4", role: "primary" }),
    ]);
    expect((await sid.get("/v1/vehicles")).body.vehicles).toEqual([
      expect.objectContaining({ vin: VINS.ava, role: "secondary" }),
    ]);
    expect(
      (await (await sim.session("pat.pairing@example.com")).get("/v1/vehicles")).body.vehicles,
    ).toEqual([]);
  });

  it("reports each persona's telematics reachability on the vehicle status", async () => {
    const expected = [
      ["ava.active@example.com", VINS.ava, "online"],
      ["sam.sleepy@example.com", VINS.sam, "asleep"],
      ["gus.garage@example.com", VINS.gus, "unreachable"],
      ["wes.weak@example.com", VINS.wes, "weak_signal"],
    ] as const;
    for (const [email, vin, reachability] of expected) {
      const answer = await (await sim.session(email)).get(`/v1/vehicles/${vin}/status`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        vin,
        reachability,
        telematicsUnit: expect.stringMatching(/^(24MM|21MM|17CY)$/),
      });
    }
    const gus = await (
      await sim.session("gus.garage@example.com")
    ).get(`/v1/vehicles/${VINS.gus}/status`);
    expect(gus.body.signalBars).toBe(0);
    expect(Date.now() - Date.parse(gus.body.lastSeenAt)).toBeGreaterThanOrEqual(180 * 60_000);
  });

  it("accepts a lower-case VIN in the path", async () => {
    const ava = await sim.session("ava.active@example.com");
    const answer = await ava.get(`/v1/vehicles/${VINS.ava.toLowerCase()}/status`);
    expect(answer.status).toBe(200);
    expect(answer.body.vin).toBe(VINS.ava);
  });

  it("lists the features the vehicle's market offers", async () => {
    const lena = await sim.session("lena.lexus@example.com");
    const answer = await lena.get(`/v1/vehicles/${VINS.lena}/features`);
    expect(answer.status).toBe(200);
    expect(answer.body.market).toBe("EU");
    const available = Object.fromEntries(
      answer.body.features.map((entry: { feature: string; available: boolean }) => [
        entry.feature,
        entry.available,
      ]),
    );
    expect(available).toMatchObject({
      remote_lock: true,
      remote_engine_start: false,
      vehicle_locate: true,
    });
  });
});

describe("remote commands", () => {
  it("accepts a command with 202 and a Location, then completes it for an online vehicle", async () => {
    const ava = await sim.session("ava.active@example.com");
    const accepted = await ava.command(VINS.ava, "lock");
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      command: "lock",
      status: "pending",
      commandId: expect.stringMatching(/^cmd_/),
    });
    expect(accepted.headers.get("location")).toBe(
      `/sandbox/v1/vehicles/${VINS.ava}/commands/${accepted.body.commandId}`,
    );

    const settled = await ava.settledCommand(VINS.ava, accepted.body.commandId);
    expect(settled).toMatchObject({
      status: "completed",
      failureCode: null,
      result: { acknowledgedBy: "24MM" },
    });
  });

  it("returns the vehicle's position for locate", async () => {
    const ava = await sim.session("ava.active@example.com");
    const accepted = await ava.command(VINS.ava, "locate");
    const settled = await ava.settledCommand(VINS.ava, accepted.body.commandId);
    expect(settled.result).toEqual({
      latitude: expect.any(Number),
      longitude: expect.any(Number),
      accuracyM: expect.any(Number),
    });
  });

  it("times out a command for gus.garage's unreachable vehicle", async () => {
    const gus = await sim.session("gus.garage@example.com");
    const accepted = await gus.command(VINS.gus, "unlock");
    expect(accepted.status).toBe(202);
    expect(await gus.settledCommand(VINS.gus, accepted.body.commandId)).toMatchObject({
      status: "timed_out",
      failureCode: "TCU_UNREACHABLE",
    });
  });

  it("rejects a command for wes.weak's one-bar vehicle with TCU_WEAK_SIGNAL", async () => {
    const wes = await sim.session("wes.weak@example.com");
    const accepted = await wes.command(VINS.wes, "lock");
    expect(await wes.settledCommand(VINS.wes, accepted.body.commandId)).toMatchObject({
      status: "rejected",
      failureCode: "TCU_WEAK_SIGNAL",
    });
  });

  it("completes a command for sam.sleepy's vehicle only after it wakes up", async () => {
    const sam = await sim.session("sam.sleepy@example.com");
    const accepted = await sam.command(VINS.sam, "lock");
    const settled = await sam.settledCommand(VINS.sam, accepted.body.commandId);
    expect(settled).toMatchObject({ status: "completed", result: { wokeUp: true } });
    // The wake-up alone takes 9 s at full scale.
    expect(Date.parse(settled.updatedAt) - Date.parse(settled.createdAt)).toBeGreaterThanOrEqual(
      9_000 * 0.01,
    );
  });

  it("needs vehicle:location for locate and names the scope", async () => {
    const ava = await sim.session("ava.active@example.com", {
      scope: "vehicle:read vehicle:commands",
    });
    const answer = await ava.command(VINS.ava, "locate");
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      code: "INSUFFICIENT_SCOPE",
      details: { requiredScope: "vehicle:location" },
    });
  });

  it("refuses an unknown command naming the field", async () => {
    const ava = await sim.session("ava.active@example.com");
    const answer = await ava.command(VINS.ava, "honk");
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: "INVALID_REQUEST",
      details: { fields: { "body.command": expect.stringContaining("lock") } },
    });
  });

  it("does not show one account's command to another", async () => {
    const ava = await sim.session("ava.active@example.com");
    const sid = await sim.session("sid.second@example.com");
    const accepted = await ava.command(VINS.ava, "lock");
    const answer = await sid.get(`/v1/vehicles/${VINS.ava}/commands/${accepted.body.commandId}`);
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe("NOT_FOUND");
  });
});

describe("pairing", () => {
  it("pairs pat.pairing with the first unpaired bZ4X: confirmed, then listed among the vehicles", async () => {
    const pat = await sim.session("pat.pairing@example.com");
    const started = await pat.post("/v1/pairings", { vin: VINS.unpairedOnline });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      vin: VINS.unpairedOnline,
      role: "primary",
      status: "pending_vehicle_confirmation",
    });
    expect(started.headers.get("location")).toBe(`/sandbox/v1/pairings/${started.body.id}`);

    expect(await pat.settledPairing(started.body.id)).toMatchObject({
      status: "confirmed",
      failureCode: null,
    });
    expect((await pat.get("/v1/vehicles")).body.vehicles).toEqual([
      expect.objectContaining({ vin: VINS.unpairedOnline, model: "bZ4X", role: "primary" }),
    ]);
    const again = await pat.post("/v1/pairings", { vin: VINS.unpairedOnline });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("PAIRING_ALREADY_LINKED");
  });

  it("fails pairing with the unreachable bZ4X with the app's message", async () => {
    const pat = await sim.session("pat.pairing@example.com");
    const started = await pat.post("/v1/pairings", { vin: VINS.unpairedUnreachable });
    expect(started.status).toBe(202);
    expect(await pat.settledPairing(started.body.id)).toMatchObject({
      status: "failed",
      failureCode: "PAIRING_VEHICLE_TIMEOUT",
      message: PAIRING_FAILED,
    });
    expect((await pat.get("/v1/vehicles")).body.vehicles).toEqual([]);
  });

  it("answers 404 PAIRING_VIN_UNKNOWN with the app's message for a VIN nobody knows", async () => {
    const pat = await sim.session("pat.pairing@example.com");
    const answer = await pat.post("/v1/pairings", { vin: "JTMABABA0SA999999" });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({
      code: "PAIRING_VIN_UNKNOWN",
      message: PAIRING_FAILED,
      details: { reason: "vin_unknown" },
    });
  });

  it("answers 409 PAIRING_OWNERSHIP_CONFLICT when pairing as primary a VIN another account owns", async () => {
    const pat = await sim.session("pat.pairing@example.com");
    const answer = await pat.post("/v1/pairings", { vin: VINS.ava });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      code: "PAIRING_OWNERSHIP_CONFLICT",
      message: PAIRING_FAILED,
    });
    const secondary = await pat.post("/v1/pairings", { vin: VINS.ava, role: "secondary" });
    expect(secondary.status).toBe(202);
    expect(await pat.settledPairing(secondary.body.id)).toMatchObject({ status: "confirmed" });
    expect((await pat.get("/v1/vehicles")).body.vehicles).toEqual([
      expect.objectContaining({ vin: VINS.ava, role: "secondary" }),
    ]);
  });

  it("does not show one account's pairing to another", async () => {
    const pat = await sim.session("pat.pairing@example.com");
    const started = await pat.post("/v1/pairings", { vin: VINS.unpairedOnline });
    const nate = await sim.session("nate.newowner@example.com");
    expect((await nate.get(`/v1/pairings/${started.body.id}`)).status).toBe(404);
  });

  it("unlinks a vehicle: gone from the list and answered VEHICLE_NOT_LINKED afterwards", async () => {
    const ava = await sim.session("ava.active@example.com");
    const answer = await ava.delete(`/v1/vehicles/${VINS.ava}/link`);
    expect(answer.status).toBe(204);
    expect(answer.text).toBe("");
    expect((await ava.get("/v1/vehicles")).body.vehicles).toEqual([]);
    const status = await ava.get(`/v1/vehicles/${VINS.ava}/status`);
    expect(status.status).toBe(403);
    expect(status.body).toMatchObject({
      code: "VEHICLE_NOT_LINKED",
      details: { reason: "unlinked" },
    });
    expect(
      (await (await sim.session("sid.second@example.com")).get("/v1/vehicles")).body.vehicles,
    ).toHaveLength(1);
  });
});

describe("webhooks", () => {
  const verifySignature = (secret: string, header: string, body: string) => {
    const [, t, v1] = header.match(/^t=(\d+),v1=([0-9a-f]{64})$/) ?? [];
    return Boolean(t && v1 === createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  };

  it("delivers command.completed to a subscriber, signed with the subscription's secret", async () => {
    const receiver = await startWebhookReceiver(204);
    try {
      const subscribed = await sim.asClient("fleetco", "POST", "/v1/webhooks", {
        url: receiver.url,
        events: ["command.completed"],
      });
      expect(subscribed.status).toBe(201);
      expect(subscribed.body).toMatchObject({
        id: expect.stringMatching(/^wh_/),
        secret: expect.stringMatching(/^whsec_/),
        events: ["command.completed"],
      });

      const ava = await sim.session("ava.active@example.com");
      const accepted = await ava.command(VINS.ava, "lock");
      await waitFor(
        async () => receiver.receipts.length,
        (count) => count >= 1,
      );
      const [receipt] = receiver.receipts;
      expect(receipt!.headers["x-sim-event"]).toBe("command.completed");
      expect(
        verifySignature(
          subscribed.body.secret,
          String(receipt!.headers["x-sim-signature"]),
          receipt!.body,
        ),
      ).toBe(true);
      expect(
        verifySignature("whsec_wrong", String(receipt!.headers["x-sim-signature"]), receipt!.body),
      ).toBe(false);
      expect(JSON.parse(receipt!.body)).toMatchObject({
        type: "command.completed",
        data: { commandId: accepted.body.commandId, vin: VINS.ava, status: "completed" },
      });

      const listed = await sim.asClient("fleetco", "GET", "/v1/webhooks");
      expect(listed.body.webhooks).toEqual([
        expect.objectContaining({ id: subscribed.body.id, url: receiver.url }),
      ]);
      expect(listed.body.webhooks[0].secret).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });

  it("retries a receiver that answers 500 and shows every attempt in the console", async () => {
    const receiver = await startWebhookReceiver(500);
    try {
      await sim.asClient("fleetco", "POST", "/v1/webhooks", {
        url: receiver.url,
        events: ["command.completed", "command.failed"],
      });
      const wes = await sim.session("wes.weak@example.com");
      await wes.command(VINS.wes, "lock");
      const deliveries = await waitFor(
        async () =>
          (await sim.asClient("fleetco", "GET", "/console/webhook-deliveries")).body
            .deliveries as Array<{
            attempt: number;
            status: number;
            outcome: string;
            event: string;
          }>,
        (list) => list.some((attempt) => attempt.outcome === "failed"),
      );
      expect(deliveries.map((attempt) => attempt.attempt)).toEqual([5, 4, 3, 2, 1]);
      expect(
        deliveries.every((attempt) => attempt.status === 500 && attempt.event === "command.failed"),
      ).toBe(true);
      expect(deliveries.map((attempt) => attempt.outcome)).toEqual([
        "failed",
        "retrying",
        "retrying",
        "retrying",
        "retrying",
      ]);
      expect(receiver.receipts).toHaveLength(5);
      expect(
        new Set(receiver.receipts.map((receipt) => receipt.headers["x-sim-webhook-id"])).size,
      ).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it("removes a subscription once and then answers 404", async () => {
    const subscribed = await sim.asClient("fleetco", "POST", "/v1/webhooks", {
      url: "http://127.0.0.1:9/hooks",
      events: ["vehicle.linked"],
    });
    expect(
      (await sim.asClient("fleetco", "DELETE", `/v1/webhooks/${subscribed.body.id}`)).status,
    ).toBe(204);
    expect(
      (await sim.asClient("fleetco", "DELETE", `/v1/webhooks/${subscribed.body.id}`)).status,
    ).toBe(404);
    expect((await sim.asClient("fleetco", "GET", "/v1/webhooks")).body.webhooks).toEqual([]);
  });

  it("refuses a client without webhook:manage and a non-loopback URL", async () => {
    const drivewise = await sim.asClient("drivewise", "POST", "/v1/webhooks", {
      url: "http://127.0.0.1:9/hooks",
      events: ["command.completed"],
    });
    expect(drivewise.status).toBe(403);
    const remote = await sim.asClient("fleetco", "POST", "/v1/webhooks", {
      url: "https://hooks.example.com/x",
      events: ["command.completed"],
    });
    expect(remote.status).toBe(400);
    expect(remote.body.details.fields).toHaveProperty(["body.url"]);
    const unknownEvent = await sim.asClient("fleetco", "POST", "/v1/webhooks", {
      url: "http://127.0.0.1:9/hooks",
      events: ["car.exploded"],
    });
    expect(unknownEvent.status).toBe(400);
    expect(Object.keys(unknownEvent.body.details.fields)).toEqual(["body.events.0"]);
  });
});

describe("version gates", () => {
  it("answers 400 API_VERSION_REQUIRED without x-api-version", async () => {
    const ava = await sim.session("ava.active@example.com");
    const answer = await sim.request("/sandbox/v1/account", {
      headers: { "x-api-key": "key_sandbox_fleetco", authorization: `Bearer ${ava.token}` },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("API_VERSION_REQUIRED");
  });

  it("answers 410 API_VERSION_SUNSET for a retired version and 400 for one never served", async () => {
    const ava = await sim.session("ava.active@example.com");
    const sunset = await ava.get("/v1/account", { "x-api-version": "2023-01-01" });
    expect(sunset.status).toBe(410);
    expect(sunset.body).toMatchObject({
      code: "API_VERSION_SUNSET",
      details: { latest: API_VERSION },
    });
    const unknown = await ava.get("/v1/account", { "x-api-version": "2099-01-01" });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      code: "UNSUPPORTED_API_VERSION",
      details: { supported: expect.arrayContaining([API_VERSION]) },
    });
  });

  it("serves a deprecated version with Deprecation and Sunset headers", async () => {
    const ava = await sim.session("ava.active@example.com");
    const deprecated = await ava.get("/v1/account", { "x-api-version": "2024-06-01" });
    expect(deprecated.status).toBe(200);
    expect(deprecated.headers.get("deprecation")).toBe("true");
    expect(new Date(deprecated.headers.get("sunset")!).getTime()).not.toBeNaN();
    const current = await ava.get("/v1/account");
    expect(current.headers.get("deprecation")).toBeNull();
  });

  it("answers 426 APP_UPGRADE_REQUIRED below the environment's minimum app version", async () => {
    const sandbox = await sim.session("ava.active@example.com");
    expect((await sandbox.get("/v1/account", { "x-app-version": "3.0.0" })).status).toBe(200);
    const old = await sandbox.get("/v1/account", { "x-app-version": "2.9.9" });
    expect(old.status).toBe(426);
    expect(old.body).toMatchObject({
      code: "APP_UPGRADE_REQUIRED",
      details: { minimumVersion: "3.0.0" },
    });
    expect(old.headers.get("upgrade")).toBe("app/3.0.0");

    const prod = await sim.session("ava.active@example.com", { env: "prod" });
    const belowProd = await prod.get("/v1/account", { "x-app-version": "3.1.9" });
    expect(belowProd.status).toBe(426);
    expect(belowProd.body.details.minimumVersion).toBe("3.2.0");
    expect((await prod.get("/v1/account", { "x-app-version": "3.10.0" })).status).toBe(200);
  });

  it("refuses an x-app-version that is not a dotted version", async () => {
    const ava = await sim.session("ava.active@example.com");
    const answer = await ava.get("/v1/account", { "x-app-version": "latest" });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("INVALID_APP_VERSION");
  });
});

describe("rate limits", () => {
  it("reports X-RateLimit headers on /v1 answers, the tighter window first", async () => {
    const ava = await sim.session("ava.active@example.com");
    const first = await ava.get("/v1/account");
    expect(first.headers.get("x-ratelimit-limit")).toBe("20");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("19");
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    // Windows are fixed one-second slots, so a later call may land in a fresh window (back to 19).
    const remaining = [19];
    for (let sent = 0; sent < 3; sent++)
      remaining.push(Number((await ava.get("/v1/vehicles")).headers.get("x-ratelimit-remaining")));
    remaining
      .slice(1)
      .forEach((value, index) => expect([remaining[index]! - 1, 19]).toContain(value));
    expect(remaining.slice(1).some((value, index) => value === remaining[index]! - 1)).toBe(true);
  });

  it("answers 429 with Retry-After once a token exceeds its window", async () => {
    const ava = await sim.session("ava.active@example.com");
    let limited = null;
    for (let sent = 0; sent < 80 && !limited; sent++) {
      const answer = await ava.get("/v1/account");
      if (answer.status === 429) limited = answer;
      else expect(answer.status).toBe(200);
    }
    expect(limited).not.toBeNull();
    expect(limited!.body).toMatchObject({
      status: 429,
      code: "RATE_LIMIT_EXCEEDED",
      details: { limitScope: "token" },
    });
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited!.headers.get("x-ratelimit-remaining")).toBe("0");
  });
});

describe("correlation ids and the request log", () => {
  it("echoes a given x-correlationid and generates one when absent or unusable", async () => {
    const ava = await sim.session("ava.active@example.com");
    expect(
      (await ava.get("/v1/account", { "x-correlationid": "corr-flow-1" })).headers.get(
        "x-correlationid",
      ),
    ).toBe("corr-flow-1");
    const generated = await ava.get("/v1/account");
    expect(generated.headers.get("x-correlationid")).toMatch(/^[0-9a-f-]{36}$/);
    const unusable = await ava.get("/v1/account", { "x-correlationid": "has spaces and <tags>" });
    expect(unusable.headers.get("x-correlationid")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await sim.request("/health")).headers.get("x-correlationid")).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });

  it("finds a request by correlation id with its secrets redacted", async () => {
    const ava = await sim.session("ava.active@example.com");
    await ava.get(`/v1/vehicles/${VINS.ava}/status`, { "x-correlationid": "corr-log-1" });
    const answer = await sim.asClient(
      "fleetco",
      "GET",
      "/console/requests?correlationId=corr-log-1",
    );
    expect(answer.status).toBe(200);
    expect(answer.body.requests).toHaveLength(1);
    const [entry] = answer.body.requests;
    expect(entry).toMatchObject({
      method: "GET",
      path: `/sandbox/v1/vehicles/${VINS.ava}/status`,
      status: 200,
      correlationId: "corr-log-1",
      tenant: "fleetco",
      accountId: "acct-0001",
      environment: "sandbox",
    });
    expect(entry.requestHeaders.authorization).toMatch(/^Bearer \*\*\*\*.{4}$/);
    expect(entry.requestHeaders["x-api-key"]).toMatch(/^\*\*\*\*/);
    expect(JSON.stringify(answer.body)).not.toContain(ava.token);
    expect(JSON.stringify(answer.body)).not.toContain("key_sandbox_fleetco");
    expect(entry.responseHeaders["x-correlationid"]).toBe("corr-log-1");
  });

  it("masks every request header not known to be harmless, whatever its name", async () => {
    const ava = await sim.session("ava.active@example.com");
    const planted = {
      "x-client-secret": "cs-planted-0a1b2c3d4e5f6a7b",
      "x-auth-token": "at-planted-0a1b2c3d4e5f6a7b",
      "api-key": "ak-planted-0a1b2c3d4e5f6a7b",
    };
    await ava.get(`/v1/vehicles/${VINS.ava}/status`, {
      "x-correlationid": "corr-log-allowlist",
      ...planted,
    });
    const answer = await sim.asClient(
      "fleetco",
      "GET",
      "/console/requests?correlationId=corr-log-allowlist",
    );
    const [entry] = answer.body.requests;
    for (const [name, secret] of Object.entries(planted)) {
      expect(entry.requestHeaders[name]).toMatch(/^\*\*\*\*/);
      expect(JSON.stringify(answer.body)).not.toContain(secret);
    }
    expect(entry.requestHeaders["x-correlationid"]).toBe("corr-log-allowlist");
    expect(entry.requestHeaders["x-api-version"]).toBe(API_VERSION);
  });

  it("records the error code of a failed call and hides one client's log from another", async () => {
    const eli = await sim.session("eli.expired@example.com");
    await eli.get(`/v1/vehicles/${VINS.eli}/status`, { "x-correlationid": "corr-log-2" });
    expect((await sim.loggedRequests("corr-log-2"))[0]).toMatchObject({
      status: 403,
      errorCode: "SUBSCRIPTION_INACTIVE",
    });
    expect(
      (await sim.asClient("drivewise", "GET", "/console/requests?correlationId=corr-log-2")).body
        .requests,
    ).toEqual([]);
    expect((await sim.request("/sandbox/console/requests")).status).toBe(401);
  });
});

describe("status page", () => {
  it("shows every environment operational by default", async () => {
    for (const env of ["sandbox", "prod"]) {
      const answer = await sim.request(`/${env}/status`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        environment: env,
        status: "operational",
        incidents: [],
        maintenance: [],
      });
    }
  });

  it("answers /health with 200", async () => {
    const answer = await sim.request("/health");
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe("ok");
  });
});

describe("persona defaults", () => {
  it("answers eli.expired's and una.unpaid's vehicles 403 SUBSCRIPTION_INACTIVE", async () => {
    const eli = await (
      await sim.session("eli.expired@example.com")
    ).get(`/v1/vehicles/${VINS.eli}/status`);
    expect(eli.status).toBe(403);
    expect(eli.body).toMatchObject({
      code: "SUBSCRIPTION_INACTIVE",
      details: { subscriptionStatus: "expired" },
    });
    const una = await (
      await sim.session("una.unpaid@example.com")
    ).command("5TDKDRBH8PS100004", "lock");
    expect(una.body).toMatchObject({
      code: "SUBSCRIPTION_INACTIVE",
      details: { subscriptionStatus: "unpaid" },
    });
  });

  it("refuses remote engine start for lena.lexus's EU vehicle but allows lock", async () => {
    const lena = await sim.session("lena.lexus@example.com");
    const start = await lena.command(VINS.lena, "engine_start");
    expect(start.status).toBe(403);
    expect(start.body).toMatchObject({
      code: "FEATURE_NOT_AVAILABLE_IN_REGION",
      details: { feature: "remote_engine_start", market: "EU" },
    });
    expect((await lena.command(VINS.lena, "lock")).status).toBe(202);
  });

  it("refuses engine_start to sid.second as a secondary driver but allows lock", async () => {
    const sid = await sim.session("sid.second@example.com");
    const start = await sid.command(VINS.ava, "engine_start");
    expect(start.status).toBe(403);
    expect(start.body).toMatchObject({
      code: "NOT_PRIMARY_DRIVER",
      details: { reason: "not_primary" },
    });
    expect((await sid.command(VINS.ava, "lock")).status).toBe(202);
  });

  it("signs vic.verify in but answers 403 ACCOUNT_VERIFICATION_PENDING on the API", async () => {
    const vic = await sim.session("vic.verify@example.com");
    const answer = await vic.get("/v1/account");
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("ACCOUNT_VERIFICATION_PENDING");
  });

  it("serves olga.owner's vehicle in sandbox but answers VEHICLE_NOT_LINKED in prod, where nate owns it", async () => {
    const sandbox = await (
      await sim.session("olga.owner@example.com")
    ).get(`/v1/vehicles/${VINS.olga}/status`);
    expect(sandbox.status).toBe(200);
    const prod = await (
      await sim.session("olga.owner@example.com", { env: "prod" })
    ).get(`/v1/vehicles/${VINS.olga}/status`);
    expect(prod.status).toBe(403);
    expect(prod.body).toMatchObject({
      code: "VEHICLE_NOT_LINKED",
      details: { reason: "ownership_transferred" },
    });
    const nate = await sim.session("nate.newowner@example.com", { env: "prod" });
    expect((await nate.get("/v1/vehicles")).body.vehicles).toEqual([
      expect.objectContaining({ vin: VINS.olga, role: "primary" }),
    ]);
  });

  it("lists the seeded fleet, credentials included, to the admin only", async () => {
    const fleet = await sim.request("/admin/fleet?environment=sandbox", {
      headers: { "x-admin-key": ADMIN_KEY },
    });
    expect(fleet.status).toBe(200);
    expect(fleet.body.accounts.length).toBeGreaterThanOrEqual(50);
    expect(
      fleet.body.vehicles.find((vehicle: { vin: string }) => vehicle.vin === VINS.unpairedOnline),
    ).toBeDefined();
    expect((await sim.request("/admin/fleet?environment=sandbox")).status).toBe(401);
  });
});
