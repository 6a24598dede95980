// Everything the Smartcar checks ask a Smartcar-compatible API, as typed calls over
// lib/telematics: the account's token, /v2.0 reads as the owner's app would make them, the
// compatibility endpoint with the client's own credentials and the management request log.
// Every answer is read through zod; an unusable one (an error envelope, HTML, an empty body, a
// wrong content type, a redirect, a transport failure) comes back as a problem string with the
// exchange as evidence, never a throw. One gateway serves one check run and remembers answers.
import { z } from "zod";
import { maskText } from "@/lib/security/secrets";
import {
  readBody,
  TelematicsClient,
  type Exchange,
  type TelematicsRequest,
} from "@/lib/telematics/client";

/** What the gateway needs of a Smartcar connection (lib/vendors/runtime's SmartcarConnectionRuntime). */
export type SmartcarEndpoints = {
  id: string;
  name: string;
  environment: "sandbox" | "prod";
  apiOrigin: string;
  managementOrigin: string;
  clientId: string;
  clientSecret: string;
  managementToken: string | null;
};

export type SmartcarToken =
  | { ok: true; accessToken: string; linkId: string; smartcarUserId: string }
  | { ok: false; problem: string };

// Smartcar's v2.0 error envelope (smartcar.com/docs/errors/api-errors); the SDK reads the same
// fields into SmartcarError.
const errorEnvelopeSchema = z.object({
  type: z.string(),
  code: z.string().nullable().optional(),
  description: z.string().optional(),
  docURL: z.string().nullable().optional(),
  statusCode: z.number().optional(),
  requestId: z.string().optional(),
  resolution: z
    .union([z.string(), z.object({ type: z.string().nullable(), url: z.string().nullish() })])
    .nullable()
    .optional(),
  suggestedUserMessage: z.string().nullable().optional(),
});
export type SmartcarErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

const pagingSchema = z.object({ count: z.number(), offset: z.number() });
const userSchema = z.object({ id: z.string() });
const vehiclesSchema = z.object({ vehicles: z.array(z.string()), paging: pagingSchema });
const vinSchema = z.object({ vin: z.string() });
const permissionsSchema = z.object({
  permissions: z.array(z.string()),
  paging: pagingSchema.optional(),
});
const odometerSchema = z.object({ distance: z.number() });
const attributesSchema = z.object({
  id: z.string(),
  make: z.string(),
  model: z.string(),
  year: z.number(),
});
const compatibilitySchema = z.object({
  compatible: z.boolean(),
  reason: z.string().nullable().optional(),
  capabilities: z
    .array(
      z.object({
        permission: z.string(),
        endpoint: z.string().optional(),
        capable: z.boolean(),
        reason: z.string().nullable().optional(),
      }),
    )
    .optional(),
});
export type SmartcarCompatibility = z.infer<typeof compatibilitySchema>;

// Re-masked whatever the vendor masked: a real log may show ids a support case should not leak.
const requestLogEntrySchema = z
  .object({
    at: z.string(),
    method: z.string(),
    path: z.string(),
    status: z.number(),
    latencyMs: z.number(),
    requestId: z.string(),
    vehicleId: z.string().nullable(),
    userId: z.string().nullable(),
    errorType: z.string().nullable(),
    errorCode: z.string().nullable(),
  })
  .transform((entry) => ({ ...entry, path: maskText(entry.path) }));
export type SmartcarLogEntry = z.output<typeof requestLogEntrySchema>;
const requestLogSchema = z.object({ requests: z.array(requestLogEntrySchema) });

export type SmartcarLooked<T> =
  | { ok: true; data: T; exchange: Exchange }
  | { ok: false; problem: string; exchange: Exchange | null; error: SmartcarErrorEnvelope | null };

export type SmartcarGatewayOptions = {
  connection: SmartcarEndpoints;
  timeoutMs: number;
  /** The owner's access token for an account linked through Connect (lib/vendors' smartcarAccessToken). */
  accessToken: (accountRef: string | null) => Promise<SmartcarToken>;
};

/** An origin such as http://127.0.0.1:4010/smartcar/sandbox split into the host and its base path. */
function splitOrigin(origin: string): { host: string; basePath: string } {
  const url = new URL(origin);
  return { host: url.origin, basePath: url.pathname.replace(/\/+$/, "") };
}

/** Why an exchange cannot be read as the answer asked for, or null when it can. */
export function exchangeProblem(
  exchange: Exchange,
): { problem: string; error: SmartcarErrorEnvelope | null } | null {
  if (exchange.failure)
    return {
      problem: `no answer: ${exchange.failure.kind} (${exchange.failure.message})`,
      error: null,
    };
  const response = exchange.response!;
  if (response.status >= 300 && response.status < 400)
    return {
      problem: `answered ${response.status} redirecting to ${response.headers.location ?? "nowhere"} instead of answering`,
      error: null,
    };
  const contentType = response.headers["content-type"] ?? "";
  if (response.status >= 400) {
    const envelope = response.bodyIsJson ? errorEnvelopeSchema.safeParse(response.body) : null;
    if (envelope?.success) {
      const { type, code, description } = envelope.data;
      return {
        problem: `${response.status} ${type}:${code ?? "null"}${description ? ` - ${description}` : ""}`,
        error: envelope.data,
      };
    }
    return {
      problem: `${response.status} without Smartcar's error envelope (${contentType || "no content type"})`,
      error: null,
    };
  }
  if (response.status === 204 || response.body === null || response.body === "")
    return { problem: `answered ${response.status} with an empty body`, error: null };
  if (!response.bodyIsJson)
    return {
      problem: `answered ${response.status} with a body that is not JSON (${contentType || "no content type"})`,
      error: null,
    };
  if (!/\bjson\b/i.test(contentType))
    return {
      problem: `answered ${response.status} with JSON labelled ${contentType || "with no content type"}`,
      error: null,
    };
  return null;
}

export class SmartcarGateway {
  readonly api: TelematicsClient;
  readonly management: TelematicsClient;
  readonly #apiPath: string;
  readonly #managementPath: string;
  #memo = new Map<string, Promise<unknown>>();
  /** When this run began: calls the vendor logged after it are the checks' own, not the incident's. */
  readonly startedAt = new Date();

  constructor(readonly options: SmartcarGatewayOptions) {
    const api = splitOrigin(options.connection.apiOrigin);
    const management = splitOrigin(options.connection.managementOrigin);
    this.api = new TelematicsClient({ baseUrl: api.host, timeoutMs: options.timeoutMs });
    this.management = new TelematicsClient({
      baseUrl: management.host,
      timeoutMs: options.timeoutMs,
    });
    this.#apiPath = api.basePath;
    this.#managementPath = management.basePath;
  }

  get connection(): SmartcarEndpoints {
    return this.options.connection;
  }

  #once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.#memo.has(key)) this.#memo.set(key, load());
    return this.#memo.get(key) as Promise<T>;
  }

  /** Work several checks share (the failing call, the vehicle's id), done once per run. */
  remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.#once(`shared:${key}`, load);
  }

  /** A path under the API origin, as the SDK builds it (`{origin}/v2.0/...`). */
  apiPath(path: string): string {
    return `${this.#apiPath}${path}`;
  }

  async #read<T extends z.ZodType>(
    client: TelematicsClient,
    request: TelematicsRequest,
    schema: T,
  ): Promise<SmartcarLooked<z.infer<T>>> {
    const exchange = await client.send(request);
    const problem = exchangeProblem(exchange);
    if (problem) return { ok: false, ...problem, exchange };
    const read = readBody(exchange, schema);
    return read.ok
      ? { ok: true, data: read.data, exchange }
      : { ok: false, problem: read.problem, exchange, error: null };
  }

  token(accountRef: string | null): Promise<SmartcarToken> {
    return this.#once(`token:${accountRef}`, () =>
      this.options
        .accessToken(accountRef)
        .catch((error: Error): SmartcarToken => ({ ok: false, problem: error.message })),
    );
  }

  /** A GET as the owner's app makes it, with the account's token; memoised per path. */
  ownerRead<T extends z.ZodType>(accountRef: string | null, path: string, schema: T) {
    return this.#once(
      `owner:${accountRef}:${path}`,
      async (): Promise<SmartcarLooked<z.infer<T>>> => {
        const token = await this.token(accountRef);
        if (!token.ok) return { ok: false, problem: token.problem, exchange: null, error: null };
        return this.#read(
          this.api,
          {
            method: "GET",
            path: this.apiPath(path),
            headers: { authorization: `Bearer ${token.accessToken}` },
          },
          schema,
        );
      },
    );
  }

  /** Any call as the owner's app made it, unmemoised: the replay. */
  async ownerSend(
    accountRef: string | null,
    request: Pick<TelematicsRequest, "method" | "path" | "json">,
  ): Promise<{ ok: true; exchange: Exchange } | { ok: false; problem: string }> {
    const token = await this.token(accountRef);
    if (!token.ok) return { ok: false, problem: token.problem };
    const exchange = await this.api.send({
      ...request,
      path: this.apiPath(request.path),
      headers: { authorization: `Bearer ${token.accessToken}` },
    });
    return { ok: true, exchange };
  }

  user(accountRef: string | null) {
    return this.ownerRead(accountRef, "/v2.0/user", userSchema);
  }

  vehicles(accountRef: string | null) {
    return this.ownerRead(accountRef, "/v2.0/vehicles?limit=50", vehiclesSchema);
  }

  vin(accountRef: string | null, vehicleId: string) {
    return this.ownerRead(
      accountRef,
      `/v2.0/vehicles/${encodeURIComponent(vehicleId)}/vin`,
      vinSchema,
    );
  }

  permissions(accountRef: string | null, vehicleId: string) {
    return this.ownerRead(
      accountRef,
      `/v2.0/vehicles/${encodeURIComponent(vehicleId)}/permissions`,
      permissionsSchema,
    );
  }

  odometer(accountRef: string | null, vehicleId: string) {
    return this.ownerRead(
      accountRef,
      `/v2.0/vehicles/${encodeURIComponent(vehicleId)}/odometer`,
      odometerSchema,
    );
  }

  attributes(accountRef: string | null, vehicleId: string) {
    return this.ownerRead(
      accountRef,
      `/v2.0/vehicles/${encodeURIComponent(vehicleId)}`,
      attributesSchema,
    );
  }

  /** The account's vehicle with this VIN: its Smartcar id, or null with every VIN the account has. */
  vehicleByVin(accountRef: string | null, vin: string) {
    return this.#once(`byVin:${accountRef}:${vin}`, async () => {
      const vehicles = await this.vehicles(accountRef);
      if (!vehicles.ok) return vehicles;
      const vins = await Promise.all(
        vehicles.data.vehicles.map(async (id) => ({ id, vin: await this.vin(accountRef, id) })),
      );
      const seen = vins.map(({ id, vin: read }) => ({
        id,
        vin: read.ok ? read.data.vin : null,
        problem: read.ok ? null : read.problem,
      }));
      return {
        ok: true as const,
        data: { vehicleId: seen.find((entry) => entry.vin === vin)?.id ?? null, vehicles: seen },
        exchange: vehicles.exchange,
      };
    });
  }

  /** Compatibility of a VIN with the scopes in a country, asked with the client's own credentials. */
  compatibility(vin: string, scopes: readonly string[], country: string) {
    const { clientId, clientSecret } = this.options.connection;
    return this.#once(`compat:${vin}:${scopes.join(" ")}:${country}`, () =>
      this.#read(
        this.api,
        {
          method: "GET",
          path: this.apiPath("/v2.0/compatibility"),
          query: { vin, scope: scopes.join(" "), country },
          headers: {
            authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
          },
        },
        compatibilitySchema,
      ),
    );
  }

  /** The vendor's request log for the application, as the management API gives it. */
  requestLog(query: { since?: string; until?: string; vehicleId?: string; requestId?: string }) {
    return this.#once(
      `log:${JSON.stringify(query)}`,
      async (): Promise<SmartcarLooked<z.infer<typeof requestLogSchema>>> => {
        const amt = this.options.connection.managementToken;
        if (!amt)
          return {
            ok: false,
            problem:
              "the connection has no application management token, so the request log cannot be read",
            exchange: null,
            error: null,
          };
        // The SDK's management calls: Basic base64("default:<application management token>").
        const credentials = Buffer.from(`default:${amt}`).toString("base64");
        return this.#read(
          this.management,
          {
            method: "GET",
            path: `${this.#managementPath}/v2.0/management/request-log`,
            query,
            headers: { authorization: `Basic ${credentials}` },
          },
          requestLogSchema,
        );
      },
    );
  }
}
