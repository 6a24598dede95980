// A typed HTTP client for a telematics vendor: pins the API version, sends and reads back a
// correlation id, times out every call, retries (when asked) with full jitter honouring
// Retry-After, and records each exchange with secrets redacted so it can serve as evidence.
// Transport failures are results, not exceptions: a check reads them as evidence.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { maskBody, maskHeaders, maskUrl } from "@/lib/security/secrets";
import { DEFAULT_RETRY, nextDelayMs, type RetryPolicy } from "./retry";

export type VendorEnvironment = "sandbox" | "prod";

export type TelematicsRequest = {
  method: "GET" | "POST" | "DELETE";
  /** Path under the environment, e.g. "/v1/vehicles/JT…/status"; or absolute from the root with `global`. */
  path: string;
  environment?: VendorEnvironment;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  apiVersion?: string | null;
  appVersion?: string | null;
  correlationId?: string;
  timeoutMs?: number;
  retry?: RetryPolicy;
};

export type TransportFailure = {
  kind: "timeout" | "connection_refused" | "connection_reset" | "dns" | "network";
  message: string;
};

export type Exchange = {
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: {
    status: number;
    headers: Record<string, string>;
    body: unknown;
    bodyIsJson: boolean;
  } | null;
  failure: TransportFailure | null;
  correlationId: string;
  durationMs: number;
  attempts: number;
};

export type TelematicsClientOptions = { baseUrl: string; timeoutMs: number; userAgent?: string };

const BODY_EVIDENCE_LIMIT = 20_000;

// The unredacted body, for the caller that needs a secret from it (a token it asked for); kept
// off the exchange itself so evidence serialised from an exchange can never carry it.
const unredactedBodies = new WeakMap<Exchange, unknown>();
export const unredactedBody = (exchange: Exchange): unknown => unredactedBodies.get(exchange);

function classifyFailure(error: unknown): TransportFailure {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? "";
  const message = cause?.message ?? (error as Error).message;
  if ((error as Error).name === "TimeoutError" || (error as Error).name === "AbortError")
    return { kind: "timeout", message: "no answer before the timeout" };
  if (code === "ECONNREFUSED") return { kind: "connection_refused", message };
  if (
    code === "ECONNRESET" ||
    code === "UND_ERR_SOCKET" ||
    /other side closed|socket hang up/i.test(message)
  )
    return { kind: "connection_reset", message };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { kind: "dns", message };
  return { kind: "network", message };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TelematicsClient {
  constructor(private readonly options: TelematicsClientOptions) {}

  url(request: Pick<TelematicsRequest, "path" | "environment" | "query">): string {
    const url = new URL(
      `${request.environment ? `/${request.environment}` : ""}${request.path}`,
      this.options.baseUrl,
    );
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  async send(request: TelematicsRequest): Promise<Exchange> {
    const correlationId = request.correlationId ?? randomUUID();
    const headers: Record<string, string> = {
      accept: "application/json",
      "x-correlationid": correlationId,
      "user-agent": this.options.userAgent ?? "pitstop-checks/1.0",
      ...(request.apiVersion ? { "x-api-version": request.apiVersion } : {}),
      ...(request.appVersion ? { "x-app-version": request.appVersion } : {}),
      ...request.headers,
    };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(request.form).toString();
    }
    const url = this.url(request);
    const policy = request.retry ?? DEFAULT_RETRY;
    const started = performance.now();
    let attempts = 0;
    for (;;) {
      attempts++;
      const outcome = await this.#attempt(
        url,
        request.method,
        headers,
        body,
        request.timeoutMs ?? this.options.timeoutMs,
      );
      const retryable =
        outcome.failure !== null ||
        (outcome.response !== null &&
          (outcome.response.status === 429 || outcome.response.status >= 500));
      if (!retryable || attempts >= policy.maxAttempts) {
        const exchange: Exchange = {
          request: {
            method: request.method,
            url: maskUrl(url),
            headers: maskHeaders(headers),
            body: maskBody(request.json ?? request.form ?? null),
          },
          response: outcome.response,
          failure: outcome.failure,
          correlationId: outcome.response?.headers["x-correlationid"] ?? correlationId,
          durationMs: Math.round(performance.now() - started),
          attempts,
        };
        unredactedBodies.set(exchange, outcome.rawBody);
        return exchange;
      }
      await sleep(
        nextDelayMs(policy, attempts - 1, outcome.response?.headers["retry-after"] ?? null),
      );
    }
  }

  async #attempt(
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    timeoutMs: number,
  ): Promise<Pick<Exchange, "response" | "failure"> & { rawBody: unknown }> {
    try {
      const response = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "manual",
      });
      const text = await response.text();
      let parsed: unknown = text.slice(0, BODY_EVIDENCE_LIMIT);
      let bodyIsJson = false;
      try {
        parsed = text ? JSON.parse(text) : null;
        bodyIsJson = true;
      } catch {
        // Not JSON: kept as text, and the check decides what garbage means.
      }
      return {
        response: {
          status: response.status,
          headers: maskHeaders(Object.fromEntries(response.headers)),
          body: maskBody(parsed),
          bodyIsJson,
        },
        failure: null,
        rawBody: parsed,
      };
    } catch (error) {
      return { response: null, failure: classifyFailure(error), rawBody: null };
    }
  }
}

/**
 * The response body (masked, unless the caller passes the body as sent) read through a zod
 * schema: the data, or why the vendor's answer is unusable.
 */
export function readBody<T extends z.ZodType>(
  exchange: Exchange,
  schema: T,
  body: unknown = exchange.response?.body,
): { ok: true; data: z.infer<T> } | { ok: false; problem: string } {
  if (exchange.failure)
    return {
      ok: false,
      problem: `no answer: ${exchange.failure.kind} (${exchange.failure.message})`,
    };
  const response = exchange.response!;
  if (!response.bodyIsJson)
    return {
      ok: false,
      problem: `the vendor answered ${response.status} with a body that is not JSON`,
    };
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: `the vendor's answer (${response.status}) has an unexpected shape at ${issue?.path.join(".") || "the top level"}: ${issue?.message}`,
    };
  }
  return { ok: true, data: parsed.data };
}

/** A `curl -v` command that reproduces the request, secrets already masked. */
export function curlReproduction(exchange: Exchange): string {
  const parts = [`curl -v -X ${exchange.request.method}`, `'${exchange.request.url}'`];
  for (const [name, value] of Object.entries(exchange.request.headers))
    parts.push(`-H '${name}: ${value.replace(/'/g, "'\\''")}'`);
  if (exchange.request.body !== null && exchange.request.body !== undefined) {
    const contentType = exchange.request.headers["content-type"] ?? "";
    const data = contentType.includes("json")
      ? JSON.stringify(exchange.request.body)
      : new URLSearchParams(exchange.request.body as Record<string, string>).toString();
    parts.push(`--data '${data.replace(/'/g, "'\\''")}'`);
  }
  return parts.join(" \\\n  ");
}
