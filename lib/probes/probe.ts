// One probe: a single call to a vendor endpoint through lib/telematics, read into a sample
// (status, latency, correlation id, rate-limit headers, or why there was no usable answer).
// Never retried: a probe measures the vendor as a caller meets it on the first try.
import { z } from "zod";
import { TelematicsClient, type Exchange } from "@/lib/telematics/client";
import { retryAfterMs } from "@/lib/telematics/retry";
import type { VendorGateway } from "@/lib/diagnosis/vendor-gateway";
import {
  PROBE_API_VERSION,
  type ProbeEndpoint,
  type ProbeEnvironment,
  type ProbeErrorKind,
} from "./catalogue";

export type ProbeSampleInput = {
  environment: ProbeEnvironment;
  endpoint: string;
  sentAt: Date;
  status: number;
  latencyMs: number;
  correlationId: string;
  rateLimitLimit: number | null;
  rateLimitRemaining: number | null;
  rateLimitReset: number | null;
  retryAfterS: number | null;
  errorKind: ProbeErrorKind | null;
};

export type ProbeCredentials = { apiKey: string; bearerToken: string };

const NO_RETRY = { maxAttempts: 1, baseMs: 200, capMs: 30_000 };
const headerInt = z.coerce.number().int().nonnegative();

function intHeader(headers: Record<string, string>, name: string): number | null {
  const parsed = headerInt.safeParse(headers[name] ?? undefined);
  return parsed.success ? parsed.data : null;
}

function retryAfterSeconds(headers: Record<string, string>): number | null {
  const ms = retryAfterMs(headers["retry-after"] ?? null);
  return ms === null ? null : ms / 1000;
}

/** A sample read from one exchange; a 2xx whose body is not what the endpoint returns is garbage. */
export function sampleOf(
  exchange: Exchange,
  base: Pick<ProbeSampleInput, "environment" | "endpoint" | "sentAt" | "latencyMs">,
  body: z.ZodType,
): ProbeSampleInput {
  const response = exchange.response;
  const headers = response?.headers ?? {};
  const garbage =
    response !== null &&
    response.status >= 200 &&
    response.status < 300 &&
    (!response.bodyIsJson || !body.safeParse(response.body).success);
  return {
    ...base,
    status: response?.status ?? 0,
    correlationId: exchange.correlationId,
    rateLimitLimit: intHeader(headers, "x-ratelimit-limit"),
    rateLimitRemaining: intHeader(headers, "x-ratelimit-remaining"),
    rateLimitReset: intHeader(headers, "x-ratelimit-reset"),
    retryAfterS: retryAfterSeconds(headers),
    errorKind: exchange.failure?.kind ?? (garbage ? "garbage" : null),
  };
}

export async function probeEndpoint(
  client: TelematicsClient,
  environment: ProbeEnvironment,
  endpoint: ProbeEndpoint,
  credentials: ProbeCredentials | null,
  timeoutMs: number,
): Promise<ProbeSampleInput> {
  const sentAt = new Date();
  const started = performance.now();
  const exchange = await client.send({
    method: "GET",
    path: endpoint.path,
    environment,
    apiVersion: endpoint.needsAccount ? PROBE_API_VERSION : null,
    headers: credentials
      ? { "x-api-key": credentials.apiKey, authorization: `Bearer ${credentials.bearerToken}` }
      : {},
    timeoutMs,
    retry: NO_RETRY,
  });
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  return sampleOf(
    exchange,
    { environment, endpoint: endpoint.id, sentAt, latencyMs },
    endpoint.body,
  );
}

/**
 * Why an account endpoint could not be probed. Recorded as a sample (status 0, errorKind
 * "credentials") so the gap is visible, yet kept out of the endpoint's latency: it was never called.
 */
export type CredentialProblem = { problem: string; correlationId: string };

const credentialKey = (environment: string, tenant: string, account: string) =>
  `${environment}\u0000${tenant}\u0000${account}`;

type CachedCredentials = { credentials: ProbeCredentials; refreshAt: number };

// Refresh a minute early (or at 90% of a short lifetime) so no probe goes out with a token
// that expires in flight.
const refreshAt = (now: number, expiresInS: number) =>
  now + Math.max(0, Math.min(expiresInS * 1000 - 60_000, expiresInS * 900));

/**
 * The tenant's API key and an account token per environment, minted through the vendor
 * gateway and kept until shortly before the token expires. Concurrent asks share one mint.
 */
export class ProbeCredentialCache {
  #cached = new Map<string, CachedCredentials>();
  #inFlight = new Map<string, Promise<ProbeCredentials | CredentialProblem>>();

  constructor(
    private readonly gateway: (timeoutMs: number) => VendorGateway,
    private readonly now: () => number = Date.now,
  ) {}

  get(
    environment: ProbeEnvironment,
    tenant: string,
    account: string,
    timeoutMs: number,
  ): Promise<ProbeCredentials | CredentialProblem> {
    const key = credentialKey(environment, tenant, account);
    const cached = this.#cached.get(key);
    if (cached && cached.refreshAt > this.now()) return Promise.resolve(cached.credentials);
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    const fetching = this.#fetch(key, environment, tenant, account, timeoutMs).finally(() =>
      this.#inFlight.delete(key),
    );
    this.#inFlight.set(key, fetching);
    return fetching;
  }

  forget(environment: ProbeEnvironment, tenant: string, account: string): void {
    this.#cached.delete(credentialKey(environment, tenant, account));
  }

  async #fetch(
    key: string,
    environment: ProbeEnvironment,
    tenant: string,
    account: string,
    timeoutMs: number,
  ): Promise<ProbeCredentials | CredentialProblem> {
    const gateway = this.gateway(timeoutMs);
    const [client, token] = await Promise.all([
      gateway.tenant(environment, tenant),
      gateway.mintToken(environment, tenant, account, []),
    ]);
    if (!client.ok)
      return {
        problem: `tenant lookup: ${client.problem}`,
        correlationId: client.exchange.correlationId,
      };
    if (!token.ok)
      return { problem: `token: ${token.problem}`, correlationId: token.exchange.correlationId };
    if (!client.data)
      return {
        problem: `tenant ${tenant} is unknown in ${environment}`,
        correlationId: client.exchange.correlationId,
      };
    const credentials = { apiKey: client.data.apiKey, bearerToken: token.data.access_token };
    this.#cached.set(key, { credentials, refreshAt: refreshAt(this.now(), token.data.expires_in) });
    return credentials;
  }
}

export const isCredentialProblem = (
  value: ProbeCredentials | CredentialProblem,
): value is CredentialProblem => "problem" in value;

/** The sample recorded for an account endpoint that could not be called for want of credentials. */
export function credentialProblemSample(
  environment: ProbeEnvironment,
  endpoint: string,
  sentAt: Date,
  problem: CredentialProblem,
): ProbeSampleInput {
  return {
    environment,
    endpoint,
    sentAt,
    status: 0,
    latencyMs: 0,
    correlationId: problem.correlationId,
    rateLimitLimit: null,
    rateLimitRemaining: null,
    rateLimitReset: null,
    retryAfterS: null,
    errorKind: "credentials",
  };
}
