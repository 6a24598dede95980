import "server-only";
// Calls to a vendor's own endpoints (token, user, health) through the telematics client, read
// so that any odd answer (HTML, an empty body, a wrong content type, a redirect or a redirect
// loop, a TLS failure, a timeout) becomes a sentence naming the call, never an exception.
import type { z } from "zod";
import {
  TelematicsClient,
  unredactedBody,
  type Exchange,
  type TelematicsRequest,
} from "@/lib/telematics/client";
import { maskText, maskUrl } from "@/lib/security/secrets";

export const VENDOR_CALL_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const SNIPPET = 80;

export type VendorCall = Omit<TelematicsRequest, "path" | "environment"> & { url: string };
export type VendorAnswer = { exchange: Exchange; name: string };

/** "POST https://auth…/oauth/token": how a problem names the call, query secrets masked. */
export const callName = (method: string, url: string) => `${method} ${maskUrl(url)}`;

/**
 * Sends the call (no retries: a token call must not be repeated behind the caller's back).
 * A GET follows up to five redirects itself so that a loop is recognised and named.
 */
export async function vendorCall(call: VendorCall): Promise<VendorAnswer> {
  const client = new TelematicsClient({
    baseUrl: call.url,
    timeoutMs: call.timeoutMs ?? VENDOR_CALL_TIMEOUT_MS,
  });
  const seen = [call.url];
  let url = call.url;
  for (;;) {
    const exchange = await client.send({ ...call, path: url, retry: undefined });
    const location = exchange.response?.headers.location;
    const redirected =
      exchange.response && exchange.response.status >= 300 && exchange.response.status < 400;
    if (call.method !== "GET" || !redirected || !location || seen.length > MAX_REDIRECTS)
      return { exchange, name: callName(call.method, call.url) };
    url = new URL(location, url).toString();
    if (seen.includes(url)) return { exchange, name: callName(call.method, call.url) };
    seen.push(url);
  }
}

const snippet = (body: unknown) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const flat = maskText(text).replace(/\s+/g, " ").trim();
  return flat.length > SNIPPET ? `${flat.slice(0, SNIPPET)}…` : flat;
};

/** Why the exchange carries no usable answer at all, or null when it has a response. */
export function transportProblem({ exchange, name }: VendorAnswer): string | null {
  const failure = exchange.failure;
  if (!failure) return null;
  if (failure.kind === "timeout") return `${name} timed out (no answer within the timeout)`;
  if (/certificate|tls|ssl|self[- ]signed/i.test(failure.message))
    return `${name} failed TLS: ${failure.message}`;
  return `${name} got no answer: ${failure.kind.replace("_", " ")} (${failure.message})`;
}

/** What a response that is no usable JSON answer looks like, or null when it is JSON. */
export function shapeProblem({ exchange, name }: VendorAnswer): string | null {
  const transport = transportProblem({ exchange, name });
  if (transport) return transport;
  const response = exchange.response!;
  const status = response.status;
  if (status >= 300 && status < 400) {
    const location = response.headers.location;
    return location
      ? `${name} answered ${status}, a redirect to ${maskUrl(location)} (a redirect loop or a wrong base URL)`
      : `${name} answered ${status}, a redirect with no Location`;
  }
  const contentType = response.headers["content-type"] ?? "";
  if (response.body === null || response.body === "")
    return `${name} answered ${status} with an empty body${contentType ? ` (${contentType})` : ""}`;
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType))
    return `${name} answered ${status} with ${contentType || "no content type"}, not JSON: "${snippet(response.body)}"`;
  if (!response.bodyIsJson)
    return `${name} answered ${status} with a body that does not parse as JSON: "${snippet(response.body)}"`;
  return null;
}

/**
 * The JSON answer read through `schema`: the data (from the unmasked body, so a token the
 * caller asked for is usable), or a problem naming the call and what came back.
 */
export function readVendorJson<T extends z.ZodType>(
  answer: VendorAnswer,
  schema: T,
):
  | { ok: true; data: z.output<T>; status: number }
  | { ok: false; problem: string; status: number | null } {
  const status = answer.exchange.response?.status ?? null;
  const problem = shapeProblem(answer);
  if (problem) return { ok: false, problem, status };
  const parsed = schema.safeParse(unredactedBody(answer.exchange));
  if (parsed.success) return { ok: true, data: parsed.data, status: status! };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    status,
    problem: `${answer.name} answered ${status} with JSON of an unexpected shape (${issue?.path.join(".") || "top level"}: ${issue?.message}): "${snippet(answer.exchange.response!.body)}"`,
  };
}
