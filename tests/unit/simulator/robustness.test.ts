// What the simulator does with bad input: malformed and oversized bodies, missing headers,
// forged tokens, unknown routes, a seeded fuzz run, and bursts of concurrent requests. The
// vendor always answers in its own error shape with a correlation id, never with a 500 or a
// stack trace.
import { decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { seededRandom, type Random } from "@/lib/simulator/random";
import { simulatorRoutes } from "@/lib/simulator/routes";
import {
  API_VERSION,
  clientOf,
  type VendorAnswer,
  startSimulatorForFile,
  VINS,
  waitFor,
} from "./support";

const sim = startSimulatorForFile();
const AVA = "ava.active@example.com";
const STACK_TRACE = /\bat .+:\d+:\d+|node_modules|\.ts:\d+/;

function expectVendorError(answer: VendorAnswer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.body).toMatchObject({
    status,
    code,
    message: expect.any(String),
    correlationId: answer.headers.get("x-correlationid"),
  });
  expect(answer.text).not.toMatch(STACK_TRACE);
}

describe("malformed input", () => {
  it("answers 400 INVALID_JSON to a body that is not JSON", async () => {
    const ava = await sim.session(AVA);
    for (const raw of ['{"command": ', "lock", '{"command":"lock"}}']) {
      const answer = await sim.request(`/sandbox/v1/vehicles/${VINS.ava}/commands`, {
        method: "POST",
        raw,
        headers: ava.headers({ "content-type": "application/json" }),
      });
      expectVendorError(answer, 400, "INVALID_JSON");
    }
    const empty = await sim.request(`/sandbox/v1/vehicles/${VINS.ava}/commands`, {
      method: "POST",
      raw: "",
      headers: ava.headers({ "content-type": "application/json" }),
    });
    expectVendorError(empty, 400, "INVALID_JSON");
  });

  it("answers 400 INVALID_REQUEST naming each field of the wrong type", async () => {
    const ava = await sim.session(AVA);
    const command = await ava.post(`/v1/vehicles/${VINS.ava}/commands`, { command: 42 });
    expectVendorError(command, 400, "INVALID_REQUEST");
    expect(Object.keys(command.body.details.fields)).toEqual(["body.command"]);

    const pat = await sim.session("pat.pairing@example.com");
    const pairing = await pat.post("/v1/pairings", { vin: 12345, role: "owner" });
    expect(Object.keys(pairing.body.details.fields).sort()).toEqual(["body.role", "body.vin"]);
    expect(pairing.body.message).toContain("body.role");

    const badVin = await ava.get("/v1/vehicles/NOT-A-VIN/status");
    expectVendorError(badVin, 400, "INVALID_REQUEST");
    expect(badVin.body.details.fields).toHaveProperty(["params.vin"]);

    const badLimit = await sim.asClient("fleetco", "GET", "/console/requests?limit=lots");
    expectVendorError(badLimit, 400, "INVALID_REQUEST");
    expect(badLimit.body.details.fields).toHaveProperty(["query.limit"]);
  });

  it("answers 400 when a JSON endpoint gets no body at all", async () => {
    const ava = await sim.session(AVA);
    const answer = await sim.request(`/sandbox/v1/vehicles/${VINS.ava}/commands`, {
      method: "POST",
      headers: ava.headers(),
    });
    expectVendorError(answer, 400, "INVALID_REQUEST");
  });

  it("answers 415 to a body type it does not take", async () => {
    const ava = await sim.session(AVA);
    const answer = await sim.request(`/sandbox/v1/vehicles/${VINS.ava}/commands`, {
      method: "POST",
      raw: "<command>lock</command>",
      headers: ava.headers({ "content-type": "application/xml" }),
    });
    expectVendorError(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers 413 PAYLOAD_TOO_LARGE to a body over 64 KiB, JSON or form", async () => {
    const ava = await sim.session(AVA);
    const json = await sim.request(`/sandbox/v1/vehicles/${VINS.ava}/commands`, {
      method: "POST",
      json: { command: "lock", padding: "x".repeat(64 * 1024) },
      headers: ava.headers(),
    });
    expectVendorError(json, 413, "PAYLOAD_TOO_LARGE");
    const form = await sim.request("/sandbox/oauth2/token", {
      form: { grant_type: "password", username: AVA, password: "x".repeat(70_000) },
    });
    expectVendorError(form, 413, "PAYLOAD_TOO_LARGE");
    const fits = await sim.request(`/sandbox/v1/vehicles/${VINS.ava}/commands`, {
      method: "POST",
      json: { command: "lock", padding: "x".repeat(60 * 1024) },
      headers: ava.headers(),
    });
    expect(fits.status).toBe(202);
  });

  it("answers bad percent-encoding in the path in the vendor's shape, with a correlation id", async () => {
    const ava = await sim.session(AVA);
    const answer = await sim.request("/sandbox/v1/vehicles/%E0%A4%A/status", {
      headers: ava.headers({ "x-correlationid": "corr-bad-url" }),
    });
    expectVendorError(answer, 400, "INVALID_REQUEST");
    expect(answer.headers.get("x-correlationid")).toBe("corr-bad-url");
    expect(await sim.loggedRequests("corr-bad-url")).toEqual([
      expect.objectContaining({ status: 400, errorCode: "INVALID_REQUEST" }),
    ]);
  });

  it("answers an over-long path parameter in the vendor's shape, with a correlation id", async () => {
    const ava = await sim.session(AVA);
    const answer = await sim.request(`/sandbox/v1/vehicles/${"A".repeat(300)}/status`, {
      headers: ava.headers(),
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expectVendorError(answer, answer.status, answer.body.code);
    expect(answer.headers.get("x-correlationid")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("missing or wrong credentials", () => {
  it("answers 401 INVALID_API_KEY without a known x-api-key", async () => {
    const ava = await sim.session(AVA);
    const missing = await sim.request("/sandbox/v1/account", {
      headers: { "x-api-version": API_VERSION, authorization: `Bearer ${ava.token}` },
    });
    expectVendorError(missing, 401, "INVALID_API_KEY");
    const prodKey = await sim.request("/sandbox/v1/account", {
      headers: {
        "x-api-key": clientOf("fleetco", "prod").apiKey,
        "x-api-version": API_VERSION,
        authorization: `Bearer ${ava.token}`,
      },
    });
    expectVendorError(prodKey, 401, "INVALID_API_KEY");
  });

  it("answers 401 AUTHENTICATION_REQUIRED with a bearer challenge without a bearer token", async () => {
    for (const authorization of [undefined, "Basic Zm9vOmJhcg==", "Bearer", "Bearer "]) {
      const headers: Record<string, string> = {
        "x-api-key": "key_sandbox_fleetco",
        "x-api-version": API_VERSION,
      };
      if (authorization !== undefined) headers.authorization = authorization;
      const answer = await sim.request("/sandbox/v1/account", { headers });
      expectVendorError(answer, 401, "AUTHENTICATION_REQUIRED");
      expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="connected-services"');
    }
  });

  it("answers 401 INVALID_TOKEN to garbage, unsigned and forged tokens", async () => {
    const real = (await sim.passwordGrant(AVA)).body.access_token as string;
    const { kid } = decodeProtectedHeader(real);
    const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${base64url({ alg: "none", kid })}.${base64url({ sub: "acct-0001", scope: "account:read" })}.`;
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({ client_id: "fleetco-sandbox", scope: "account:read" })
      .setProtectedHeader({ alg: "ES256", kid })
      .setIssuer(`${sim.baseUrl}/sandbox`)
      .setAudience("connected-services-api")
      .setSubject("acct-0001")
      .setJti("forged")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    const tampered = `${real.slice(0, -4)}${real.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    for (const token of ["garbage", "a.b.c", "e30.e30.e30", unsigned, forged, tampered]) {
      const answer = await sim.request("/sandbox/v1/account", {
        headers: {
          "x-api-key": "key_sandbox_fleetco",
          "x-api-version": API_VERSION,
          authorization: `Bearer ${token}`,
        },
      });
      expectVendorError(answer, 401, "INVALID_TOKEN");
      expect(answer.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
  });

  it("answers 401 invalid_client to HTTP Basic credentials with broken percent-encoding", async () => {
    const basic = Buffer.from("fleetco-sandbox:%E0%A4%A").toString("base64");
    const answer = await sim.request("/sandbox/oauth2/token", {
      form: { grant_type: "password", username: AVA, password: "x" },
      headers: { authorization: `Basic ${basic}` },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe("invalid_client");
  });

  it("answers 404 VIN_NOT_FOUND for a well-formed VIN it does not know", async () => {
    const ava = await sim.session(AVA);
    const answer = await ava.get("/v1/vehicles/JTMBFREVXRD999999/status");
    expectVendorError(answer, 404, "VIN_NOT_FOUND");
    expect(answer.body.message).toContain("JTMBFREVXRD999999");
  });

  it("answers an unknown route or method with a JSON 404 NOT_FOUND", async () => {
    for (const [method, path] of [
      ["GET", "/nowhere"],
      ["GET", "/sandbox/v2/account"],
      ["GET", "/staging/v1/account"],
      ["PATCH", "/sandbox/v1/account"],
      ["PUT", "/admin/faults"],
    ] as const) {
      const answer = await sim.request(path, { method });
      expectVendorError(answer, 404, "NOT_FOUND");
      expect(answer.body.message).toContain(path);
    }
  });
});

// ---- fuzzing ------------------------------------------------------------------------------

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;
const printable = (random: Random, length: number) =>
  Array.from({ length }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join("");
// Latin-1 bytes above 0x7F: what a header carrying invalid UTF-8 looks like on the wire.
const latin1 = (random: Random, length: number) =>
  Array.from({ length }, () => String.fromCharCode(0x80 + Math.floor(random() * 0x80))).join("");

const METHODS = ["GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD"] as const;

/** Mostly the simulator's own routes with odd parameters and methods, sometimes pure junk. */
function fuzzRequestLine(random: Random): { method: string; path: string } {
  const parameter = () =>
    pick(random, [
      VINS.ava,
      VINS.gus,
      VINS.unpairedOnline,
      "JTMBFREVXRD999999",
      "short",
      "%E0%A4%A",
      "%00",
      "A".repeat(120),
      "cmd_x",
      encodeURIComponent(printable(random, 8)),
    ]);
  const query =
    random() < 0.3
      ? `?${pick(random, ["limit=abc", "limit=5&limit=6", "correlationId=%ZZ", `since=${printable(random, 5)}`, "environment=sandbox", "a[b]=c", `x=${"y".repeat(2_000)}`])}`
      : "";
  if (random() < 0.15)
    return {
      method: pick(random, METHODS),
      path: `/${encodeURIComponent(printable(random, 12))}${query}`,
    };
  const spec = pick(random, simulatorRoutes);
  const env =
    spec.mount === "environment"
      ? `/${pick(random, ["sandbox", "sandbox", "prod", "staging"])}`
      : "";
  return {
    method: random() < 0.85 ? spec.method : pick(random, METHODS),
    path: `${env}${spec.path.replace(/:\w+/g, parameter)}${query}`,
  };
}

function fuzzHeaders(random: Random, token: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (random() < 0.8)
    headers["x-api-key"] = pick(random, [
      "key_sandbox_loadlab",
      "key_sandbox_loadlab",
      "key_prod_loadlab",
      "key_sandbox_nobody",
      printable(random, 20),
    ]);
  if (random() < 0.8)
    headers["x-api-version"] = pick(random, [
      API_VERSION,
      API_VERSION,
      "2024-06-01",
      "2023-01-01",
      "",
      printable(random, 10),
    ]);
  if (random() < 0.7) {
    headers.authorization = pick(random, [
      `Bearer ${token}`,
      `Bearer ${token}`,
      `Bearer ${token}`,
      "Bearer garbage",
      `Basic ${Buffer.from(`${printable(random, 6)}:%${printable(random, 2)}`).toString("base64")}`,
      `Bearer ${latin1(random, 30)}`,
      printable(random, 40),
    ]);
  }
  if (random() < 0.3)
    headers["x-correlationid"] = pick(random, [
      printable(random, 20),
      latin1(random, 10),
      "x".repeat(200),
    ]);
  if (random() < 0.2)
    headers["x-app-version"] = pick(random, ["1.0", "99.0.0", "3.x", latin1(random, 5)]);
  if (random() < 0.1) headers["x-admin-key"] = printable(random, 16);
  if (random() < 0.1) headers["x-padding"] = "p".repeat(8_000);
  if (random() < 0.1) headers["x-latin1"] = latin1(random, 64);
  return headers;
}

function fuzzBody(random: Random): { body?: BodyInit; contentType?: string } {
  const kind = pick(random, [
    "none",
    "json",
    "wrong-types",
    "truncated",
    "invalid-utf8",
    "form",
    "bytes",
    "large",
    "nested",
  ] as const);
  const contentType = pick(random, [
    "application/json",
    "application/json",
    "application/json",
    "application/json; charset=utf-8",
    "application/x-www-form-urlencoded",
    "text/plain",
    "multipart/form-data; boundary=x",
    undefined,
  ]);
  switch (kind) {
    case "none":
      return {};
    case "json":
      return {
        body: JSON.stringify({
          command: pick(random, ["lock", "locate", "honk"]),
          vin: VINS.unpairedOnline,
          url: "http://127.0.0.1:9/x",
          events: ["command.completed"],
          grant_type: "password",
          username: AVA,
          password: "wrong",
        }),
        contentType,
      };
    case "wrong-types":
      return {
        body: JSON.stringify({
          command: 7,
          vin: [null],
          role: {},
          events: "all",
          kind: 1,
          environment: false,
        }),
        contentType,
      };
    case "truncated":
      return { body: '{"command": "lo', contentType };
    case "invalid-utf8":
      return {
        body: new Uint8Array([
          0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d,
        ]),
        contentType,
      };
    case "form":
      return {
        body: `grant_type=password&username=%E0%A4%A&password=${printable(random, 10)}&client_id=%`,
        contentType,
      };
    case "bytes":
      return {
        body: new Uint8Array(Array.from({ length: 64 }, () => Math.floor(random() * 256))),
        contentType,
      };
    case "large":
      return { body: JSON.stringify({ padding: "z".repeat(70_000) }), contentType };
    case "nested":
      return { body: `${"[".repeat(5_000)}${"]".repeat(5_000)}`, contentType };
  }
}

describe("fuzzing", () => {
  it("answers hundreds of seeded random requests without a 500 or a stack trace, and stays healthy", async () => {
    const random = seededRandom(20261123);
    const loadlab = await sim.session(AVA, { tenant: "loadlab" });
    const failures: string[] = [];
    for (let batch = 0; batch < 40; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          const { method, path } = fuzzRequestLine(random);
          const headers = fuzzHeaders(random, loadlab.token);
          const { body, contentType } =
            method === "GET" || method === "HEAD" ? {} : fuzzBody(random);
          if (contentType) headers["content-type"] = contentType;
          const answer = await sim.request(path, { method, headers, raw: body });
          const where = `${method} ${path} → ${answer.status}`;
          if (answer.status >= 500) failures.push(`${where}: ${answer.text}`);
          if (STACK_TRACE.test(answer.text)) failures.push(`${where}: stack trace`);
          if (!answer.headers.get("x-correlationid")) failures.push(`${where}: no x-correlationid`);
          if (
            answer.status >= 400 &&
            method !== "HEAD" &&
            !answer.body?.code &&
            !answer.body?.error
          )
            failures.push(`${where}: not an error body: ${answer.text.slice(0, 200)}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect((await sim.request("/health")).status).toBe(200);
    expect((await loadlab.get("/v1/account")).status).toBe(200);
  });
});

// ---- concurrency --------------------------------------------------------------------------

describe("concurrency", () => {
  it("settles 200 concurrent commands, each in the terminal state its vehicle calls for", async () => {
    const drivers = [
      {
        session: await sim.session(AVA, { tenant: "loadlab" }),
        vin: VINS.ava,
        expected: "completed",
      },
      {
        session: await sim.session("gus.garage@example.com", { tenant: "loadlab" }),
        vin: VINS.gus,
        expected: "timed_out",
      },
      {
        session: await sim.session("wes.weak@example.com", { tenant: "loadlab" }),
        vin: VINS.wes,
        expected: "rejected",
      },
    ];
    const sent = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const driver = drivers[index % drivers.length]!;
        const accepted = await driver.session.command(driver.vin, index % 2 ? "lock" : "locate");
        return { driver, accepted };
      }),
    );
    expect(sent.every(({ accepted }) => accepted.status === 202)).toBe(true);
    expect(new Set(sent.map(({ accepted }) => accepted.body.commandId)).size).toBe(200);

    const settled = await waitFor(
      () =>
        Promise.all(
          sent.map(({ driver, accepted }) =>
            driver.session.get(`/v1/vehicles/${driver.vin}/commands/${accepted.body.commandId}`),
          ),
        ),
      (answers) => answers.every((answer) => answer.body.status !== "pending"),
      { timeoutMs: 5_000, intervalMs: 100 },
    );
    settled.forEach((answer, index) =>
      expect(answer.body.status).toBe(sent[index]!.driver.expected),
    );
    expect((await drivers[0]!.session.get("/v1/vehicles")).body.vehicles).toEqual([
      expect.objectContaining({ vin: VINS.ava, role: "primary" }),
    ]);
  });

  it("links a vehicle once however many times it is paired concurrently", async () => {
    const pat = await sim.session("pat.pairing@example.com", { tenant: "loadlab" });
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => pat.post("/v1/pairings", { vin: VINS.unpairedOnline })),
    );
    expect(
      answers.every(
        (answer) => answer.status === 202 || answer.body.code === "PAIRING_ALREADY_LINKED",
      ),
    ).toBe(true);
    const accepted = answers.filter((answer) => answer.status === 202);
    const settled = await Promise.all(
      accepted.map((answer) => pat.settledPairing(answer.body.id, 5_000)),
    );
    expect(settled.every((pairing) => pairing.status === "confirmed")).toBe(true);
    expect((await pat.get("/v1/vehicles")).body.vehicles).toEqual([
      expect.objectContaining({ vin: VINS.unpairedOnline, role: "primary" }),
    ]);
  });

  it("leaves one primary owner when two accounts race to pair the same vehicle", async () => {
    const pat = await sim.session("pat.pairing@example.com", { tenant: "loadlab" });
    const nate = await sim.session("nate.newowner@example.com", { tenant: "loadlab" });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        (index % 2 ? pat : nate)
          .post("/v1/pairings", { vin: VINS.unpairedOnline })
          .then((answer) => ({ answer, session: index % 2 ? pat : nate })),
      ),
    );
    const accepted = answers.filter(({ answer }) => answer.status === 202);
    expect(answers.every(({ answer }) => answer.status === 202 || answer.status === 409)).toBe(
      true,
    );
    const settled = await Promise.all(
      accepted.map(({ answer, session }) => session.settledPairing(answer.body.id, 5_000)),
    );
    expect(
      settled.every(
        (pairing) =>
          pairing.status === "confirmed" || pairing.failureCode === "PAIRING_OWNERSHIP_CONFLICT",
      ),
    ).toBe(true);

    const owners = [];
    for (const session of [pat, nate]) {
      const vehicles = (await session.get("/v1/vehicles")).body.vehicles as Array<{
        vin: string;
        role: string;
      }>;
      if (
        vehicles.some(
          (vehicle) => vehicle.vin === VINS.unpairedOnline && vehicle.role === "primary",
        )
      )
        owners.push(session);
    }
    expect(owners).toHaveLength(1);
  });

  it("issues 200 concurrent tokens that are all distinct and all accepted", async () => {
    const grants = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        sim.passwordGrant(index % 2 ? AVA : "tom.trial@example.com", { tenant: "loadlab" }),
      ),
    );
    expect(grants.every((grant) => grant.status === 200)).toBe(true);
    const tokens = grants.map((grant) => grant.body.access_token as string);
    expect(new Set(tokens).size).toBe(200);
    expect(new Set(grants.map((grant) => grant.body.refresh_token)).size).toBe(200);
    const accounts = await Promise.all(
      tokens.map((token) =>
        sim.request("/sandbox/v1/account", {
          headers: {
            "x-api-key": "key_sandbox_loadlab",
            "x-api-version": API_VERSION,
            authorization: `Bearer ${token}`,
          },
        }),
      ),
    );
    accounts.forEach((answer, index) =>
      expect(answer.body.email).toBe(index % 2 ? AVA : "tom.trial@example.com"),
    );
  });
});
