// Everything the checks ask the vendor, as typed calls over lib/telematics. Each answer is
// read through a zod schema; an unusable answer comes back as a problem string, never a throw.
// One gateway serves one check run and remembers answers, so parallel checks share lookups.
import { z } from "zod";
import { maskHeaders, maskText, maskUrl } from "@/lib/security/secrets";
import {
  readBody,
  TelematicsClient,
  unredactedBody,
  type Exchange,
  type VendorEnvironment,
} from "@/lib/telematics/client";

const outageWindowSchema = z.object({
  id: z.string(),
  kind: z.enum(["incident", "maintenance"]),
  mode: z.string(),
  scope: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type OutageWindow = z.infer<typeof outageWindowSchema>;

const statusSchema = z.object({
  status: z.string(),
  incidents: z.array(outageWindowSchema),
  maintenance: z.array(outageWindowSchema),
});
const historySchema = z.object({ windows: z.array(outageWindowSchema) });

// Re-masked here whatever the vendor masked: a real vendor's log may show secrets as sent.
const requestLogEntrySchema = z
  .object({
    at: z.string(),
    method: z.string(),
    path: z.string(),
    status: z.number(),
    latencyMs: z.number(),
    correlationId: z.string(),
    tenant: z.string().nullable(),
    accountId: z.string().nullable(),
    errorCode: z.string().nullable(),
    requestHeaders: z.record(z.string(), z.string()),
    responseHeaders: z.record(z.string(), z.string()),
  })
  .transform((entry) => ({
    ...entry,
    path: maskUrl(entry.path),
    accountId: entry.accountId === null ? null : maskText(entry.accountId),
    requestHeaders: maskHeaders(entry.requestHeaders),
    responseHeaders: maskHeaders(entry.responseHeaders),
  }));
export type RequestLogEntry = z.output<typeof requestLogEntrySchema>;
const requestLogSchema = z.object({ requests: z.array(requestLogEntrySchema) });

const tenantSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  apiKey: z.string(),
  allowedScopes: z.array(z.string()),
});
const fleetSchema = z.object({ tenants: z.array(tenantSchema) });
export type VendorTenant = z.infer<typeof tenantSchema>;

const vehicleSchema = z.object({
  vin: z.string(),
  market: z.string(),
  telematics: z.object({
    unit: z.string(),
    reachability: z.string(),
    signalBars: z.number(),
    lastSeenAt: z.string(),
  }),
  links: z.array(
    z.object({
      accountId: z.string(),
      accountEmail: z.string(),
      role: z.enum(["primary", "secondary"]),
      linkedAt: z.string(),
    }),
  ),
  subscription: z.object({
    plan: z.string().nullable(),
    status: z.string(),
    expiresAt: z.string().nullable(),
  }),
  features: z.array(z.object({ feature: z.string(), available: z.boolean() })),
  accountLink: z
    .object({ linked: z.boolean(), role: z.string().nullable(), reason: z.string().nullable() })
    .nullable(),
});
export type VendorVehicle = z.infer<typeof vehicleSchema>;

const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  market: z.string(),
  verification: z.string(),
  authState: z.object({ mode: z.string(), since: z.string().nullable() }),
  vehicles: z.array(z.object({ vin: z.string(), role: z.string() })),
});
export type VendorAccount = z.infer<typeof accountSchema>;

const versionsSchema = z.object({
  apiVersions: z.object({
    supported: z.array(z.string()),
    deprecated: z.array(z.string()),
    sunset: z.array(z.string()),
    latest: z.string(),
  }),
  minAppVersion: z.string(),
});
export type VendorVersions = z.infer<typeof versionsSchema>;

const quotaSchema = z.object({
  quotas: z.array(
    z.object({
      tenant: z.string(),
      keyRateLimit: z.object({ limit: z.number(), windowS: z.number() }),
      usedInCurrentWindow: z.number(),
      limitedByFault: z.boolean(),
    }),
  ),
});
export type VendorQuota = z.infer<typeof quotaSchema>["quotas"][number];

const mintedTokenSchema = z.object({
  access_token: z.string(),
  scope: z.string(),
  expires_in: z.number(),
});
const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
const discoverySchema = z.object({
  issuer: z.string(),
  audience: z.string(),
  jwks_uri: z.string(),
});
const openApiSchema = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });

export type Looked<T> =
  { ok: true; data: T; exchange: Exchange } | { ok: false; problem: string; exchange: Exchange };

export type VendorGatewayOptions = { baseUrl: string; adminKey: string; timeoutMs: number };

export class VendorGateway {
  readonly client: TelematicsClient;
  #memo = new Map<string, Promise<unknown>>();

  constructor(readonly options: VendorGatewayOptions) {
    this.client = new TelematicsClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs });
  }

  #once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.#memo.has(key)) this.#memo.set(key, load());
    return this.#memo.get(key) as Promise<T>;
  }

  /** `unmasked` reads the answer as sent, for the one caller that needs a secret from it. */
  async #get<T extends z.ZodType>(
    key: string,
    schema: T,
    request: Parameters<TelematicsClient["send"]>[0],
    { unmasked = false } = {},
  ): Promise<Looked<z.infer<T>>> {
    return this.#once(key, async () => {
      const exchange = await this.client.send(request);
      if (exchange.response && exchange.response.status >= 400) {
        const body = exchange.response.body as { code?: string; message?: string } | null;
        return {
          ok: false,
          problem: `${exchange.response.status} ${body?.code ?? ""} ${body?.message ?? ""}`.trim(),
          exchange,
        };
      }
      const read = readBody(exchange, schema, unmasked ? unredactedBody(exchange) : undefined);
      return read.ok
        ? { ok: true, data: read.data, exchange }
        : { ok: false, problem: read.problem, exchange };
    });
  }

  #admin = () => ({ "x-admin-key": this.options.adminKey });

  tenant(environment: VendorEnvironment, tenant: string): Promise<Looked<VendorTenant | null>> {
    return this.#once(`tenant:${environment}:${tenant}`, async () => {
      // Unmasked: probes and replays call the vendor with the tenant's API key.
      const fleet = await this.#get(
        `fleet:${environment}`,
        fleetSchema,
        { method: "GET", path: "/admin/fleet", query: { environment }, headers: this.#admin() },
        { unmasked: true },
      );
      return fleet.ok
        ? {
            ...fleet,
            data: fleet.data.tenants.find((candidate) => candidate.id === tenant) ?? null,
          }
        : fleet;
    });
  }

  status(environment: VendorEnvironment) {
    return this.#get(`status:${environment}`, statusSchema, {
      method: "GET",
      path: "/status",
      environment,
    });
  }

  statusHistory(environment: VendorEnvironment) {
    return this.#get(`history:${environment}`, historySchema, {
      method: "GET",
      path: "/console/status-history",
      environment,
      headers: this.#admin(),
    });
  }

  requestTrace(environment: VendorEnvironment, correlationId: string) {
    return this.#get(`trace:${environment}:${correlationId}`, requestLogSchema, {
      method: "GET",
      path: "/console/requests",
      environment,
      query: { correlationId, limit: 50 },
      headers: this.#admin(),
    });
  }

  vehicle(environment: VendorEnvironment, vin: string, account: string | null, tenant: string) {
    return this.#get(`vehicle:${environment}:${vin}:${account}`, vehicleSchema, {
      method: "GET",
      path: `/console/vehicles/${encodeURIComponent(vin)}`,
      environment,
      query: { account: account ?? undefined, tenant },
      headers: this.#admin(),
    });
  }

  account(environment: VendorEnvironment, account: string, tenant: string) {
    return this.#get(`account:${environment}:${account}`, accountSchema, {
      method: "GET",
      path: `/console/accounts/${encodeURIComponent(account)}`,
      environment,
      query: { tenant },
      headers: this.#admin(),
    });
  }

  versions(environment: VendorEnvironment, tenant: string) {
    return this.#get(`versions:${environment}:${tenant}`, versionsSchema, {
      method: "GET",
      path: "/console/versions",
      environment,
      query: { tenant },
      headers: this.#admin(),
    });
  }

  quota(environment: VendorEnvironment) {
    return this.#get(`quota:${environment}`, quotaSchema, {
      method: "GET",
      path: "/console/quota",
      environment,
      headers: this.#admin(),
    });
  }

  jwks(environment: VendorEnvironment) {
    return this.#get(`jwks:${environment}`, jwksSchema, {
      method: "GET",
      path: "/.well-known/jwks.json",
      environment,
    });
  }

  discovery(environment: VendorEnvironment) {
    return this.#get(`discovery:${environment}`, discoverySchema, {
      method: "GET",
      path: "/.well-known/openid-configuration",
      environment,
    });
  }

  openApi() {
    return this.#get("openapi", openApiSchema, { method: "GET", path: "/openapi.json" });
  }

  /** A token for the account as the tenant's app would hold it, with the incident's scopes. */
  mintToken(environment: VendorEnvironment, tenant: string, account: string, scopes: string[]) {
    return this.#once(`mint:${environment}:${tenant}:${account}:${scopes.join(" ")}`, async () => {
      const exchange = await this.client.send({
        method: "POST",
        path: "/admin/tokens",
        headers: this.#admin(),
        json: { environment, tenant, account, scopes },
      });
      const raw =
        exchange.response?.status === 200 && exchange.response.bodyIsJson
          ? mintedTokenSchema.safeParse(unredactedBody(exchange))
          : null;
      if (raw?.success) return { ok: true as const, data: raw.data, exchange };
      const body = exchange.response?.body as { code?: string; message?: string } | undefined;
      return {
        ok: false as const,
        problem: exchange.failure
          ? exchange.failure.message
          : `${exchange.response?.status} ${body?.code ?? ""} ${body?.message ?? ""}`.trim(),
        exchange,
      };
    });
  }
}
