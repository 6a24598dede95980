// A real simulator on a loopback port for each test file, and small ways to talk to it over
// HTTP the way a vendor client would: tokens, API calls with the vendor's headers, the admin
// fault API and bounded polling.
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildSimulatorServer } from "@/lib/simulator/server";
import type { Simulator } from "@/lib/simulator/simulator";

export const ADMIN_KEY = "test-admin-key";
export const PASSWORD = "Drive-2026!";
export const API_VERSION = "2025-09-01";
export const TIME_SCALE = 0.01;

export type EnvironmentName = "sandbox" | "prod";
export type TenantId = "fleetco" | "drivewise" | "loadlab";

/** Persona VINs as the seeded fleet has them (docs/simulator.md). */
export const VINS = {
  ava: "JTMBFREVXRD100001",
  tom: "4T1DAACK8SU100002",
  eli: "3TMLB5JN9MM100003",
  sam: "7MUAAABGXNV100005",
  gus: "5TFLA5DB7RX100006",
  wes: "JTEVA5ARXS5100007",
  lena: "JTJHKCFZ6R2100008",
  vic: "JTDACACU7R3100009",
  olga: "JTDKAMFU1N3100010",
  unpairedOnline: "JTMABABA0SA100011",
  unpairedUnreachable: "JTMABABA2SA100012",
} as const;

export const clientOf = (tenant: TenantId, env: EnvironmentName = "sandbox") => ({
  apiKey: `key_${env}_${tenant}`,
  clientId: `${tenant}-${env}`,
  clientSecret: `secret_${env}_${tenant}`,
});

// Bodies are checked field by field with expect(); typing every answer would restate the
// simulator's own types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;
export type VendorAnswer = { status: number; headers: Headers; body: Body; text: string };

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  raw?: BodyInit;
  signal?: AbortSignal;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until `done` holds or the time runs out (then fails with the last value seen). */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 3_000, intervalMs = 40 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`,
      );
    await sleep(intervalMs);
  }
}

export class SimulatorHarness {
  app!: FastifyInstance;
  simulator!: Simulator;
  baseUrl = "";

  /** The issuer is fixed when the simulator is built, so the port is chosen before building. */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const publicUrl = `http://127.0.0.1:${port}`;
      const built = await buildSimulatorServer({
        seed: 20261123,
        timeScale: TIME_SCALE,
        publicUrl,
        adminKey: ADMIN_KEY,
        allowAnyWebhookHost: false,
        accessTokenTtlS: 3600,
      });
      try {
        await built.app.listen({ port, host: "127.0.0.1" });
      } catch (error) {
        await built.app.close();
        if ((error as { code?: string }).code === "EADDRINUSE" && attempt < 5) continue;
        throw error;
      }
      Object.assign(this, built, { baseUrl: publicUrl });
      return;
    }
  }

  async close(): Promise<void> {
    await this.app?.close();
  }

  async reset(): Promise<void> {
    const answer = await this.admin("POST", "/admin/reset");
    if (answer.status !== 200) throw new Error(`reset failed: ${answer.status} ${answer.text}`);
  }

  async request(path: string, options: RequestOptions = {}): Promise<VendorAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    let body: BodyInit | undefined = options.raw;
    if (options.json !== undefined) {
      headers["content-type"] ??= "application/json";
      body = JSON.stringify(options.json);
    }
    if (options.form) {
      headers["content-type"] ??= "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: options.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      redirect: "manual",
      signal: options.signal,
    });
    const text = await response.text();
    let parsed: Body = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the text itself is the body.
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  admin(method: string, path: string, json?: unknown): Promise<VendorAnswer> {
    return this.request(path, { method, json, headers: { "x-admin-key": ADMIN_KEY } });
  }

  /** Injects a fault and returns its id; fails the test when the simulator refuses it. */
  async injectFault(input: {
    kind: string;
    environment?: EnvironmentName;
    face?: "toyota" | "smartcar";
    target?: Record<string, string>;
    params?: Record<string, unknown>;
    durationS?: number;
    note?: string;
  }): Promise<string> {
    const answer = await this.admin("POST", "/admin/faults", { environment: "sandbox", ...input });
    if (answer.status !== 201) throw new Error(`fault refused: ${answer.status} ${answer.text}`);
    return answer.body.id as string;
  }

  async clearFault(id: string): Promise<void> {
    const answer = await this.admin("DELETE", `/admin/faults/${id}`);
    if (answer.status !== 200)
      throw new Error(`fault not cleared: ${answer.status} ${answer.text}`);
  }

  /** POST /{env}/oauth2/token with the password grant. */
  passwordGrant(
    email: string,
    {
      env = "sandbox",
      tenant = "fleetco",
      scope,
      password = PASSWORD,
    }: { env?: EnvironmentName; tenant?: TenantId; scope?: string; password?: string } = {},
  ) {
    const { clientId, clientSecret } = clientOf(tenant, env);
    const form: Record<string, string> = {
      grant_type: "password",
      username: email,
      password,
      client_id: clientId,
      client_secret: clientSecret,
    };
    if (scope) form.scope = scope;
    return this.request(`/${env}/oauth2/token`, { form });
  }

  /** A signed-in account: calls /{env}/v1/... with the API key, version pin and bearer token. */
  async session(
    email: string,
    options: { env?: EnvironmentName; tenant?: TenantId; scope?: string } = {},
  ): Promise<Session> {
    const answer = await this.passwordGrant(email, options);
    if (answer.status !== 200)
      throw new Error(`sign-in failed for ${email}: ${answer.status} ${answer.text}`);
    return new Session(
      this,
      answer.body.access_token as string,
      options.env ?? "sandbox",
      options.tenant ?? "fleetco",
      answer.body.refresh_token as string | undefined,
    );
  }

  /** A call made with a client's API key alone (webhooks, the tenant's console). */
  asClient(
    tenant: TenantId,
    method: string,
    path: string,
    json?: unknown,
    env: EnvironmentName = "sandbox",
  ): Promise<VendorAnswer> {
    return this.request(`/${env}${path}`, {
      method,
      json,
      headers: { "x-api-key": clientOf(tenant, env).apiKey, "x-api-version": API_VERSION },
    });
  }

  /** The request log entries the admin console shows for a correlation id. */
  async loggedRequests(correlationId: string, env: EnvironmentName = "sandbox"): Promise<Body[]> {
    const answer = await this.request(
      `/${env}/console/requests?correlationId=${encodeURIComponent(correlationId)}`,
      { headers: { "x-admin-key": ADMIN_KEY } },
    );
    return answer.body.requests as Body[];
  }
}

export class Session {
  constructor(
    readonly harness: SimulatorHarness,
    readonly token: string,
    readonly env: EnvironmentName,
    readonly tenant: TenantId,
    readonly refreshToken?: string,
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      "x-api-key": clientOf(this.tenant, this.env).apiKey,
      "x-api-version": API_VERSION,
      authorization: `Bearer ${this.token}`,
      ...extra,
    };
  }

  call(
    method: string,
    path: string,
    options: { json?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<VendorAnswer> {
    return this.harness.request(`/${this.env}${path}`, {
      method,
      json: options.json,
      headers: this.headers(options.headers),
      signal: options.signal,
    });
  }

  get(path: string, headers?: Record<string, string>) {
    return this.call("GET", path, { headers });
  }

  post(path: string, json: unknown, headers?: Record<string, string>) {
    return this.call("POST", path, { json, headers });
  }

  delete(path: string) {
    return this.call("DELETE", path);
  }

  /** Sends a remote command and returns the 202 answer. */
  command(vin: string, command: string) {
    return this.post(`/v1/vehicles/${vin}/commands`, { command });
  }

  /** Polls a command until it leaves `pending`. */
  async settledCommand(vin: string, commandId: string, timeoutMs = 3_000): Promise<Body> {
    const answer = await waitFor(
      () => this.get(`/v1/vehicles/${vin}/commands/${commandId}`),
      (read) => read.status !== 200 || read.body.status !== "pending",
      { timeoutMs },
    );
    return answer.body;
  }

  /** Polls a pairing until the vehicle confirms it or it fails. */
  async settledPairing(pairingId: string, timeoutMs = 3_000): Promise<Body> {
    const answer = await waitFor(
      () => this.get(`/v1/pairings/${pairingId}`),
      (read) => read.status !== 200 || read.body.status !== "pending_vehicle_confirmation",
      { timeoutMs },
    );
    return answer.body;
  }
}

/** Starts a simulator for the file, resets it before each test and closes it afterwards. */
export function startSimulatorForFile(): SimulatorHarness {
  const harness = new SimulatorHarness();
  beforeAll(() => harness.start());
  beforeEach(() => harness.reset());
  afterAll(() => harness.close());
  return harness;
}

export type WebhookReceipt = {
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** A loopback HTTP server that records webhook deliveries and answers with `status`. */
export async function startWebhookReceiver(
  status = 204,
): Promise<{ url: string; receipts: WebhookReceipt[]; close: () => Promise<void> }> {
  const receipts: WebhookReceipt[] = [];
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      receipts.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    receipts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
