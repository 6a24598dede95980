// POST /oauth/token: the authorization_code and refresh_token grants, client id and secret by
// HTTP Basic (or in the form). Codes are single-use and short-lived; refresh tokens rotate: each
// is good for one exchange, after which the old one is refused. Errors are RFC 6749's
// {error, error_description}, which the SDK turns into a SmartcarError.
import { z } from "zod";
import { clientCredentialFields, requiredField } from "../oauth-fields";
import { SmartcarOAuthError } from "./errors";
import { basicCredentials } from "./credentials";
import type { FaceContext, FaceRoute } from "./route";
import { ACCESS_TOKEN_TTL_S, REFRESH_TOKEN_TTL_S, type Application, type Grant } from "./state";

const tokenRequestSchema = z.discriminatedUnion(
  "grant_type",
  [
    z.object({
      grant_type: z.literal("authorization_code"),
      code: requiredField("code"),
      redirect_uri: requiredField("redirect_uri"),
      ...clientCredentialFields,
    }),
    z.object({
      grant_type: z.literal("refresh_token"),
      refresh_token: requiredField("refresh_token"),
      ...clientCredentialFields,
    }),
  ],
  { error: "grant_type must be authorization_code or refresh_token" },
);

function parseTokenRequest(body: unknown) {
  const parsed = tokenRequestSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const unsupported =
    issue?.path[0] === "grant_type" &&
    typeof (body as Record<string, unknown> | null)?.grant_type === "string";
  throw new SmartcarOAuthError(
    400,
    unsupported ? "unsupported_grant_type" : "invalid_request",
    issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid request",
  );
}

function authenticateClient(
  context: FaceContext,
  body: { client_id?: string; client_secret?: string },
): Application {
  const basic = basicCredentials(context.request);
  const [clientId, clientSecret] = basic ?? [body.client_id, body.client_secret];
  const application = context.state.applicationByClientId(clientId);
  if (!application || application.clientSecret !== clientSecret)
    throw new SmartcarOAuthError(401, "invalid_client", "The client id or secret is wrong.");
  context.application = application;
  return application;
}

function issueTokens(context: FaceContext, grant: Omit<Grant, "issuedAtMs" | "expiresAtMs">) {
  const { state } = context;
  const now = Date.now();
  const accessToken = state.newToken();
  const refreshToken = state.newToken();
  state.accessTokens.set(accessToken, {
    ...grant,
    issuedAtMs: now,
    expiresAtMs: now + ACCESS_TOKEN_TTL_S * 1000,
  });
  state.refreshTokens.set(refreshToken, {
    ...grant,
    issuedAtMs: now,
    expiresAtMs: now + REFRESH_TOKEN_TTL_S * 1000,
  });
  const log = context.request.smartcar;
  if (log) Object.assign(log, { accountId: grant.accountId, userId: grant.userId });
  return {
    body: {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: ACCESS_TOKEN_TTL_S,
      refresh_token: refreshToken,
      refresh_expires_in: REFRESH_TOKEN_TTL_S,
    },
    headers: { "cache-control": "no-store", pragma: "no-cache" },
  };
}

function refresh(context: FaceContext, application: Application, refreshToken: string) {
  const { env, state } = context;
  const grant = state.refreshTokens.get(refreshToken);
  if (!grant || grant.applicationId !== application.id || grant.expiresAtMs <= Date.now())
    throw new SmartcarOAuthError(
      400,
      "invalid_grant",
      "The refresh token is unknown, already used or expired.",
    );
  const account = env.account(grant.accountId);
  const about = env.about(application.clientId, account ?? null, null, "smartcar");
  for (const fault of env.faults.active(env.name, "account_auth", about)) {
    const revoking = ["password_changed", "token_revoked"].includes(fault.params.mode as string);
    if (revoking && grant.issuedAtMs < Date.parse(fault.startsAt) + 1000) {
      state.refreshTokens.delete(refreshToken);
      throw new SmartcarOAuthError(400, "invalid_grant", "The refresh token has been revoked.");
    }
  }
  state.refreshTokens.delete(refreshToken);
  return issueTokens(context, {
    applicationId: grant.applicationId,
    accountId: grant.accountId,
    userId: grant.userId,
    scopes: grant.scopes,
  });
}

export const tokenRoutes: FaceRoute[] = [
  {
    method: "POST",
    path: "/oauth/token",
    auth: "none",
    // An outage of the platform takes the token endpoint down with the API.
    api: true,
    bodyType: "form",
    summary:
      "Token endpoint: authorization_code and refresh_token grants, client credentials by HTTP Basic; refresh tokens rotate",
    tag: "Smartcar Connect",
    responses: {
      200: "{access_token, token_type: Bearer, expires_in, refresh_token, refresh_expires_in}",
      400: "invalid_request, invalid_grant, unsupported_grant_type",
      401: "invalid_client",
    },
    handler(context) {
      const body = parseTokenRequest(context.request.body);
      const application = authenticateClient(context, body);
      if (body.grant_type === "refresh_token")
        return refresh(context, application, body.refresh_token);
      const code = context.state.codes.get(body.code);
      context.state.codes.delete(body.code);
      if (
        !code ||
        code.applicationId !== application.id ||
        code.redirectUri !== body.redirect_uri ||
        code.expiresAtMs <= Date.now()
      )
        throw new SmartcarOAuthError(
          400,
          "invalid_grant",
          "The authorization code is unknown, already used, expired or for another redirect URI.",
        );
      return issueTokens(context, {
        applicationId: code.applicationId,
        accountId: code.accountId,
        userId: code.userId,
        scopes: code.scopes,
      });
    },
  },
];
