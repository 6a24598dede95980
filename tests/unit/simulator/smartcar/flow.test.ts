// The whole healthy flow, driven by the official smartcar SDK exactly as an integrator's app
// would drive Smartcar: Connect, code exchange, user, vehicles, readings, lock, permissions,
// batch, refresh with rotation, webhooks verified with hashChallenge/verifyPayload, connections
// and disconnect.
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { VINS } from "../support";
import { smartcar, type SdkError } from "./sdk";
import { authClient, connect, DEMO, signedIn, startSmartcarFace } from "./support";

const sim = startSmartcarFace("sandbox");
const AVA = "ava.active@example.com";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the SDK to throw");
    },
    (error: SdkError) => error,
  );

/** A Smartcar webhook callback: answers the VERIFY challenge and keeps every delivery. */
async function startCallback() {
  const deliveries: Array<{ signature: string; body: unknown }> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      if (body.eventType === "VERIFY") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            challenge: smartcar.hashChallenge(DEMO.managementToken, body.data.challenge),
          }),
        );
        return;
      }
      deliveries.push({ signature: String(request.headers["sc-signature"]), body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/smartcar-hooks`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("the healthy flow through the SDK", () => {
  it("connects, exchanges the code and reads the user, vehicles and attributes", async () => {
    const redirect = await connect(AVA);
    expect(redirect.origin + redirect.pathname).toBe(DEMO.redirectUri);
    expect(redirect.searchParams.get("state")).toBe("st-123");
    const access = await authClient().exchangeCode(redirect.searchParams.get("code")!);
    expect(access.accessToken).toEqual(expect.any(String));
    expect(access.refreshToken).toEqual(expect.any(String));
    expect(access.expiration.getTime()).toBeGreaterThan(Date.now() + 3_600_000);

    const user = await smartcar.getUser(access.accessToken);
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.meta.requestId).toMatch(/^[\w-]+$/);

    const listed = await smartcar.getVehicles(access.accessToken);
    expect(listed.vehicles).toHaveLength(1);
    expect(listed.paging).toEqual({ count: 1, offset: 0 });

    const vehicle = new smartcar.Vehicle(listed.vehicles[0], access.accessToken);
    const attributes = await vehicle.attributes();
    expect(attributes).toMatchObject({
      id: listed.vehicles[0],
      make: "TOYOTA",
      model: "RAV4",
      year: 2024,
    });
    expect((await vehicle.vin()).vin).toBe(VINS.ava);
  });

  it("reads odometer, location, fuel, tires and oil with the meta headers the SDK keeps", async () => {
    const { access, vehicleIds } = await signedIn(AVA);
    const vehicle = new smartcar.Vehicle(vehicleIds[0]!, access.accessToken);
    const odometer = await vehicle.odometer();
    expect(odometer.distance).toBeGreaterThan(0);
    expect(odometer.meta.dataAge).toBeInstanceOf(Date);
    expect(odometer.meta.fetchedAt).toBeInstanceOf(Date);
    expect(odometer.meta.unitSystem).toBe("metric");
    const imperial = await new smartcar.Vehicle(vehicleIds[0]!, access.accessToken, {
      unitSystem: "imperial",
    }).odometer();
    expect(imperial.distance).toBeCloseTo(odometer.distance / 1.609344, 0);
    expect(imperial.meta.unitSystem).toBe("imperial");
    expect(await vehicle.location()).toMatchObject({
      latitude: expect.any(Number),
      longitude: expect.any(Number),
    });
    expect((await vehicle.fuel()).percentRemaining).toBeGreaterThan(0);
    expect(Object.keys(await vehicle.tirePressure())).toEqual(
      expect.arrayContaining(["frontLeft", "frontRight", "backLeft", "backRight"]),
    );
    expect((await vehicle.engineOil()).lifeRemaining).toBeGreaterThan(0);
    const battery = await refusal(vehicle.battery());
    expect(battery).toMatchObject({
      type: "COMPATIBILITY",
      code: "VEHICLE_NOT_CAPABLE",
      statusCode: 501,
    });
  });

  it("locks and unlocks, and the lock status follows", async () => {
    const { access, vehicleIds } = await signedIn(AVA);
    const vehicle = new smartcar.Vehicle(vehicleIds[0]!, access.accessToken);
    expect((await vehicle.unlock()).status).toBe("success");
    expect((await vehicle.lockStatus()).isLocked).toBe(false);
    expect((await vehicle.lock()).status).toBe("success");
    expect((await vehicle.lockStatus()).isLocked).toBe(true);
  });

  it("lists the permissions granted, paged, and refuses a call outside them with PERMISSION", async () => {
    const { access, vehicleIds } = await signedIn(AVA, {
      scope: ["read_vehicle_info", "read_odometer"],
    });
    const vehicle = new smartcar.Vehicle(vehicleIds[0]!, access.accessToken);
    const permissions = await vehicle.permissions();
    expect(permissions.permissions).toEqual(["read_vehicle_info", "read_odometer"]);
    expect(permissions.paging).toEqual({ count: 2, offset: 0 });
    expect((await vehicle.permissions({ limit: 1, offset: 1 })).permissions).toEqual([
      "read_odometer",
    ]);
    const refused = await refusal(vehicle.location());
    expect(refused).toMatchObject({
      type: "PERMISSION",
      statusCode: 403,
      resolution: { type: "REAUTHENTICATE" },
      docURL: expect.stringContaining("smartcar.com/docs"),
    });
    expect(refused.requestId).toMatch(/^[\w-]+$/);
  });

  it("answers a batch with one response per path, errors included", async () => {
    const { access, vehicleIds } = await signedIn(AVA, {
      scope: ["read_vehicle_info", "read_odometer", "read_vin"],
    });
    const vehicle = new smartcar.Vehicle(vehicleIds[0]!, access.accessToken);
    const batch = await vehicle.batch(["/odometer", "/vin", "/", "/location"]);
    expect(batch.odometer().distance).toBeGreaterThan(0);
    expect(batch.vin().vin).toBe(VINS.ava);
    expect(batch.attributes().model).toBe("RAV4");
    let locationError: SdkError | undefined;
    try {
      batch.location();
    } catch (error) {
      locationError = error as SdkError;
    }
    expect(locationError).toMatchObject({ type: "PERMISSION" });
  });

  it("rotates refresh tokens: the new pair works, the old refresh token is refused", async () => {
    const { access } = await signedIn(AVA);
    const renewed = await authClient().exchangeRefreshToken(access.refreshToken);
    expect(renewed.accessToken).not.toBe(access.accessToken);
    expect(renewed.refreshToken).not.toBe(access.refreshToken);
    expect((await smartcar.getUser(renewed.accessToken)).id).toEqual(expect.any(String));
    const reused = await refusal(authClient().exchangeRefreshToken(access.refreshToken));
    expect(reused).toMatchObject({ type: "invalid_grant", statusCode: 400 });
    expect(reused.requestId).toEqual(expect.any(String));
  });

  it("refuses a code used twice and an expired access token", async () => {
    const redirect = await connect(AVA);
    const code = redirect.searchParams.get("code")!;
    const access = await authClient().exchangeCode(code);
    expect(await refusal(authClient().exchangeCode(code))).toMatchObject({ type: "invalid_grant" });
    sim.simulator.smartcar.sandbox.accessTokens.get(access.accessToken)!.expiresAtMs =
      Date.now() - 1;
    expect(await refusal(smartcar.getUser(access.accessToken))).toMatchObject({
      type: "AUTHENTICATION",
      statusCode: 401,
      resolution: { type: "REAUTHENTICATE" },
    });
  });

  it("redirects a wrong password back with error=access_denied and the state", async () => {
    const redirect = await connect(AVA, { password: "wrong-password" });
    expect(redirect.searchParams.get("error")).toBe("access_denied");
    expect(redirect.searchParams.get("error_description")).toEqual(expect.any(String));
    expect(redirect.searchParams.get("state")).toBe("st-123");
    expect(redirect.searchParams.has("code")).toBe(false);
  });

  it("verifies a webhook with hashChallenge and signs lock events and errors so verifyPayload accepts them", async () => {
    const callback = await startCallback();
    try {
      const registered = await fetch(
        `${process.env.SMARTCAR_MANAGEMENT_API_ORIGIN}/v2.0/management/webhooks`,
        {
          method: "POST",
          headers: {
            authorization: `Basic ${Buffer.from(`default:${DEMO.managementToken}`).toString("base64")}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ url: callback.url }),
        },
      );
      expect(registered.status).toBe(201);
      const webhook = (await registered.json()) as { id: string; status: string };
      expect(webhook.status).toBe("VERIFIED");

      const { access, vehicleIds } = await signedIn(AVA);
      const vehicle = new smartcar.Vehicle(vehicleIds[0]!, access.accessToken);
      expect(await vehicle.subscribe(webhook.id)).toMatchObject({
        webhookId: webhook.id,
        vehicleId: vehicleIds[0],
      });
      await vehicle.lock();
      const deadline = Date.now() + 3_000;
      while (callback.deliveries.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const [delivery] = callback.deliveries;
      expect(delivery).toBeDefined();
      expect(
        smartcar.verifyPayload(DEMO.managementToken, delivery!.signature, delivery!.body),
      ).toBe(true);
      expect(smartcar.verifyPayload("another-amt", delivery!.signature, delivery!.body)).toBe(
        false,
      );
      expect(delivery!.body).toMatchObject({
        eventType: "VEHICLE_STATE",
        data: {
          vehicle: { id: vehicleIds[0] },
          signals: [{ code: "closure-islocked", body: { value: true } }],
        },
      });
      await sim.injectFault({
        kind: "vehicle_connectivity",
        face: "smartcar",
        target: { account: AVA },
        params: { mode: "unreachable" },
      });
      await vehicle.unlock().catch(() => undefined);
      const errorDeadline = Date.now() + 3_000;
      while (callback.deliveries.length < 2 && Date.now() < errorDeadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const failed = callback.deliveries[1];
      expect(failed?.body).toMatchObject({
        eventType: "VEHICLE_ERROR",
        data: { errors: [{ type: "VEHICLE_STATE", code: "UNREACHABLE" }] },
      });
      expect(smartcar.verifyPayload(DEMO.managementToken, failed!.signature, failed!.body)).toBe(
        true,
      );
      expect((await vehicle.unsubscribe(DEMO.managementToken, webhook.id)).status).toBe("success");
    } finally {
      await callback.close();
    }
  });

  it("lists connections with the management token, and disconnect removes the vehicle", async () => {
    const { access, vehicleIds } = await signedIn(AVA);
    const user = await smartcar.getUser(access.accessToken);
    const listed = await smartcar.getConnections(DEMO.managementToken, { userId: user.id });
    expect(listed.connections).toEqual([
      { vehicleId: vehicleIds[0], userId: user.id, connectedAt: expect.any(String) },
    ]);
    const wrong = await refusal(smartcar.getConnections("not-the-amt"));
    expect(wrong).toMatchObject({ type: "AUTHENTICATION", statusCode: 401 });

    const vehicle = new smartcar.Vehicle(vehicleIds[0]!, access.accessToken);
    expect((await vehicle.disconnect()).status).toBe("success");
    expect((await smartcar.getVehicles(access.accessToken)).vehicles).toEqual([]);
    expect(await refusal(vehicle.odometer())).toMatchObject({
      type: "AUTHENTICATION",
      statusCode: 401,
    });
    expect(
      (await smartcar.getConnections(DEMO.managementToken, { userId: user.id })).connections,
    ).toEqual([]);
  });

  it("deletes a user's connections through the management API", async () => {
    const { access } = await signedIn(AVA);
    const user = await smartcar.getUser(access.accessToken);
    const deleted = await smartcar.deleteConnections(DEMO.managementToken, { userId: user.id });
    expect(deleted.connections).toHaveLength(1);
    expect((await smartcar.getVehicles(access.accessToken)).vehicles).toEqual([]);
  });

  it("answers compatibility for a VIN, scope and country with the client's Basic credentials", async () => {
    const options = { clientId: DEMO.clientId, clientSecret: DEMO.clientSecret };
    const home = await smartcar.getCompatibility(
      VINS.ava,
      ["read_odometer", "read_battery"],
      "US",
      options,
    );
    expect(home).toMatchObject({
      compatible: true,
      reason: null,
      capabilities: [
        { permission: "read_odometer", endpoint: "/odometer", capable: true, reason: null },
        {
          permission: "read_battery",
          endpoint: "/battery",
          capable: false,
          reason: "VEHICLE_NOT_CAPABLE",
        },
      ],
    });
    const abroad = await smartcar.getCompatibility(VINS.ava, ["read_odometer"], "DE", options);
    expect(abroad).toMatchObject({ compatible: false, reason: "MAKE_NOT_COMPATIBLE" });
  });

  it("serves API v3's vehicle and signals as getVehicle and getSignals read them", async () => {
    const { access, vehicleIds } = await signedIn(AVA);
    const v3 = await smartcar.getVehicle(access.accessToken, vehicleIds[0]!);
    expect(v3.body).toMatchObject({
      id: vehicleIds[0],
      type: "vehicle",
      attributes: { make: "TOYOTA", model: "RAV4" },
    });
    expect(v3.headers["sc-request-id"]).toEqual(expect.any(String));
    const signals = await new smartcar.Vehicle(vehicleIds[0]!, access.accessToken).getSignals();
    expect(signals.body.data.map((signal: { id: string }) => signal.id)).toContain(
      "odometer-traveleddistance",
    );
  });
});
