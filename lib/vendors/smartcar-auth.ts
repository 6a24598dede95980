import "server-only";
// Smartcar's OAuth calls as Pitstop makes them: the Connect URL, the code exchange, the refresh
// (both at {authOrigin}/oauth/token with HTTP Basic client credentials and a form body) and
// the user behind a token. Every answer is read through zod; a bad one is a problem string.
import { z } from "zod";
import { SMARTCAR_DIAGNOSIS_SCOPES } from "./constants";
import { readVendorJson, vendorCall } from "./http";

export type SmartcarClient = {
  authOrigin: string;
  apiOrigin: string;
  clientId: string;
  clientSecret: string;
};

// Smartcar's token answer; refresh tokens last 60 days when the answer does not say.
const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1),
  refresh_expires_in: z.number().positive().optional(),
  scope: z.string().optional(),
});
const REFRESH_LIFETIME_S = 60 * 86_400;

const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});
// Smartcar's v2.0 error envelope, for the calls that answer with it.
const smartcarErrorSchema = z.object({
  type: z.string(),
  code: z.string().nullish(),
  description: z.string().optional(),
});

export type SmartcarTokens = {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
  scopes: string[] | null;
};

export const basicAuthorization = (clientId: string, clientSecret: string) =>
  `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;

export const endpoint = (origin: string, path: string) => `${origin.replace(/\/+$/, "")}${path}`;

/** An error answer in words: OAuth's `error`, Smartcar's `type:code`, or the status alone. */
export function errorAnswer(status: number, body: unknown): string {
  const oauth = oauthErrorSchema.safeParse(body);
  if (oauth.success)
    return `${status} ${oauth.data.error}${oauth.data.error_description ? ` (${oauth.data.error_description})` : ""}`;
  const smartcar = smartcarErrorSchema.safeParse(body);
  if (smartcar.success)
    return `${status} ${smartcar.data.type}${smartcar.data.code ? `:${smartcar.data.code}` : ""}${smartcar.data.description ? ` (${smartcar.data.description})` : ""}`;
  return `${status}`;
}

export type TokenCallResult =
  | { ok: true; tokens: SmartcarTokens }
  | { ok: false; problem: string; status: number | null; oauthError: string | null };

/** POST {authOrigin}/oauth/token with a grant; a 4xx with OAuth's error is reported by name. */
export async function tokenCall(
  client: SmartcarClient,
  form: Record<string, string>,
  now: () => Date = () => new Date(),
): Promise<TokenCallResult> {
  const answer = await vendorCall({
    method: "POST",
    url: endpoint(client.authOrigin, "/oauth/token"),
    headers: { authorization: basicAuthorization(client.clientId, client.clientSecret) },
    form,
  });
  const status = answer.exchange.response?.status ?? null;
  if (status !== null && status >= 400) {
    const read = readVendorJson(answer, z.unknown());
    const oauth = read.ok ? oauthErrorSchema.safeParse(read.data) : null;
    return {
      ok: false,
      status,
      oauthError: oauth?.success ? oauth.data.error : null,
      problem: read.ok ? `${answer.name} answered ${errorAnswer(status, read.data)}` : read.problem,
    };
  }
  const read = readVendorJson(answer, tokenAnswerSchema);
  if (!read.ok) return { ok: false, problem: read.problem, status, oauthError: null };
  const issuedAt = now().getTime();
  return {
    ok: true,
    tokens: {
      accessToken: read.data.access_token,
      refreshToken: read.data.refresh_token,
      accessExpiresAt: new Date(issuedAt + read.data.expires_in * 1000),
      refreshExpiresAt: new Date(
        issuedAt + (read.data.refresh_expires_in ?? REFRESH_LIFETIME_S) * 1000,
      ),
      scopes: read.data.scope ? read.data.scope.split(/\s+/).filter(Boolean) : null,
    },
  };
}

export const refreshTokens = (client: SmartcarClient, refreshToken: string) =>
  tokenCall(client, { grant_type: "refresh_token", refresh_token: refreshToken });

export const exchangeCode = (client: SmartcarClient, code: string, redirectUri: string) =>
  tokenCall(client, { grant_type: "authorization_code", code, redirect_uri: redirectUri });

/** Connect's authorize URL for a one-time state. */
export function connectUrl(
  client: Pick<SmartcarClient, "authOrigin" | "clientId">,
  options: { redirectUri: string; state: string; mode: "test" | "live" },
): string {
  const url = new URL(endpoint(client.authOrigin, "/oauth/authorize"));
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: options.redirectUri,
    scope: SMARTCAR_DIAGNOSIS_SCOPES.join(" "),
    state: options.state,
    mode: options.mode,
  }).toString();
  return url.toString();
}

const userSchema = z.object({ id: z.string().min(1) });

/** GET {apiOrigin}/v2.0/user: who the token belongs to. */
export async function smartcarUser(
  apiOrigin: string,
  accessToken: string,
): Promise<{ ok: true; id: string } | { ok: false; problem: string }> {
  const answer = await vendorCall({
    method: "GET",
    url: endpoint(apiOrigin, "/v2.0/user"),
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const status = answer.exchange.response?.status ?? null;
  if (status !== null && status >= 400) {
    const read = readVendorJson(answer, z.unknown());
    return {
      ok: false,
      problem: read.ok ? `${answer.name} answered ${errorAnswer(status, read.data)}` : read.problem,
    };
  }
  const read = readVendorJson(answer, userSchema);
  return read.ok ? { ok: true, id: read.data.id } : { ok: false, problem: read.problem };
}
