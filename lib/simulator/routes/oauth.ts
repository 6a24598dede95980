// OAuth 2.0 (RFC 6749): password, authorization-code and refresh-token grants, a login
// endpoint that answers the authorization request with a redirect carrying the code, and
// token revocation (RFC 7009). Errors use OAuth's own {error, error_description} shape.
import { z } from "zod";
import { clientCredentialFields, requiredField } from "../oauth-fields";
import { OAuthError } from "../errors";
import type { SimEnvironment } from "../environment";
import type { Account, Tenant } from "../fleet";
import type { RouteContext, RouteSpec } from "../route-spec";

const REFRESH_TTL_MS = 30 * 86_400_000;
const CODE_TTL_MS = 60_000;

const tokenRequestSchema = z.discriminatedUnion(
  "grant_type",
  [
    z.object({
      grant_type: z.literal("password"),
      username: requiredField("username"),
      password: requiredField("password"),
      scope: z.string().max(1_000).optional(),
      ...clientCredentialFields,
    }),
    z.object({
      grant_type: z.literal("authorization_code"),
      code: requiredField("code"),
      redirect_uri: requiredField("redirect_uri"),
      ...clientCredentialFields,
    }),
    z.object({
      grant_type: z.literal("refresh_token"),
      refresh_token: requiredField("refresh_token"),
      scope: z.string().max(1_000).optional(),
      ...clientCredentialFields,
    }),
  ],
  { error: "grant_type must be password, authorization_code or refresh_token" },
);

const authorizeRequestSchema = z.object({
  response_type: z.literal("code", { error: "response_type must be code" }),
  client_id: requiredField("client_id"),
  redirect_uri: z.url({ error: "redirect_uri must be an absolute URL" }),
  scope: z.string().max(1_000).optional(),
  state: z.string().max(500).optional(),
  username: requiredField("username"),
  password: requiredField("password"),
});

const revokeRequestSchema = z.object({
  token: requiredField("token"),
  token_type_hint: z.enum(["access_token", "refresh_token"]).optional(),
  ...clientCredentialFields,
});

function parseOAuth<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const unsupported =
    issue?.path[0] === "grant_type" &&
    typeof (body as Record<string, unknown> | null)?.grant_type === "string";
  throw new OAuthError(
    400,
    unsupported ? "unsupported_grant_type" : "invalid_request",
    issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid request",
  );
}

/** A percent-encoded Basic credential part; one that does not decode fails authentication. */
function decodeCredential(part: string | undefined): string | undefined {
  try {
    return decodeURIComponent(part ?? "");
  } catch {
    return undefined;
  }
}

/** Client authentication: HTTP Basic or client_id/client_secret in the body (RFC 6749 §2.3.1). */
function authenticateClient(
  context: RouteContext,
  body: { client_id?: string; client_secret?: string },
): Tenant {
  const basic = (context.request.headers.authorization ?? "").match(/^Basic\s+(\S+)$/i)?.[1];
  let clientId = body.client_id;
  let clientSecret = body.client_secret;
  if (basic) {
    const [id, secret] = Buffer.from(basic, "base64").toString("utf8").split(":");
    clientId = decodeCredential(id);
    clientSecret = decodeCredential(secret);
  }
  const tenant = clientId ? context.env.tenantByClientId(clientId) : undefined;
  if (!tenant || tenant.clientSecret !== clientSecret)
    throw new OAuthError(401, "invalid_client", "Client authentication failed.");
  return tenant;
}

function grantedScopes(
  env: SimEnvironment,
  tenant: Tenant,
  account: Account,
  requested: string | undefined,
): string[] {
  const wanted = requested ? requested.split(/\s+/).filter(Boolean) : tenant.allowedScopes;
  const refused = wanted.filter((scope) => !tenant.allowedScopes.includes(scope));
  if (refused.length)
    throw new OAuthError(
      400,
      "invalid_scope",
      `Scope not allowed for this client: ${refused.join(" ")}.`,
    );
  const removed = new Set(
    env.faults
      .active(env.name, "missing_scope", env.about(tenant.id, account))
      .map((fault) => fault.params.scope as string),
  );
  return wanted.filter((scope) => !removed.has(scope));
}

function checkPassword(
  env: SimEnvironment,
  tenant: Tenant,
  username: string,
  password: string,
): Account {
  const account = env.accountByEmail(username);
  const changed = account
    ? env.faults
        .active(env.name, "account_auth", env.about(tenant.id, account))
        .some((fault) => fault.params.mode === "password_changed")
    : false;
  if (!account || account.password !== password || changed) {
    throw new OAuthError(400, "invalid_grant", "The username or password is incorrect.");
  }
  return account;
}

async function tokenResponse(
  env: SimEnvironment,
  tenant: Tenant,
  account: Account,
  scopes: string[],
) {
  const ttlS = env.options.accessTokenTtlS;
  const { token } = await env.authority.issue({
    sub: account.id,
    clientId: tenant.clientId,
    scopes,
    ttlS,
  });
  const body: Record<string, unknown> = {
    access_token: token,
    token_type: "Bearer",
    expires_in: ttlS,
    scope: scopes.join(" "),
  };
  if (scopes.includes("offline_access")) {
    const refreshToken = env.newOpaqueToken("rt");
    env.refreshTokens.set(refreshToken, {
      accountId: account.id,
      tenant: tenant.id,
      scopes,
      expiresAtMs: Date.now() + REFRESH_TTL_MS,
      issuedAtMs: Date.now(),
    });
    body.refresh_token = refreshToken;
  }
  return { body, headers: { "cache-control": "no-store", pragma: "no-cache" } };
}

async function exchangeRefreshToken(
  context: RouteContext,
  tenant: Tenant,
  refreshToken: string,
  scope: string | undefined,
) {
  const { env } = context;
  const grant = env.refreshTokens.get(refreshToken);
  if (!grant || grant.tenant !== tenant.id || grant.expiresAtMs <= Date.now())
    throw new OAuthError(400, "invalid_grant", "The refresh token is invalid or expired.");
  const account = env.account(grant.accountId)!;
  for (const fault of env.faults.active(env.name, "account_auth", env.about(tenant.id, account))) {
    if (
      ["password_changed", "token_revoked"].includes(fault.params.mode as string) &&
      grant.issuedAtMs < Date.parse(fault.startsAt) + 1000
    ) {
      env.refreshTokens.delete(refreshToken);
      throw new OAuthError(
        400,
        "invalid_grant",
        fault.params.mode === "password_changed"
          ? "The refresh token was revoked because the password changed."
          : "The refresh token has been revoked.",
      );
    }
  }
  const requested = scope ? scope.split(/\s+/).filter(Boolean) : grant.scopes;
  if (requested.some((wanted) => !grant.scopes.includes(wanted)))
    throw new OAuthError(400, "invalid_scope", "A refresh cannot widen the granted scopes.");
  env.refreshTokens.delete(refreshToken);
  return tokenResponse(
    env,
    tenant,
    account,
    grantedScopes(env, tenant, account, requested.join(" ")),
  );
}

export const oauthRoutes: RouteSpec[] = [
  {
    method: "POST",
    path: "/oauth2/token",
    mount: "environment",
    auth: "none",
    bodyType: "form",
    summary: "Token endpoint: password, authorization_code and refresh_token grants",
    tag: "OAuth",
    responses: {
      200: "Access token (JWT) and, with offline_access, a refresh token",
      400: "invalid_request, invalid_grant, invalid_scope, unsupported_grant_type",
      401: "invalid_client",
    },
    async handler(context) {
      const body = parseOAuth(tokenRequestSchema, context.request.body);
      const tenant = authenticateClient(context, body);
      if (body.grant_type === "password") {
        const account = checkPassword(context.env, tenant, body.username, body.password);
        return tokenResponse(
          context.env,
          tenant,
          account,
          grantedScopes(context.env, tenant, account, body.scope),
        );
      }
      if (body.grant_type === "authorization_code") {
        const grant = context.env.authCodes.get(body.code);
        context.env.authCodes.delete(body.code);
        if (
          !grant ||
          grant.tenant !== tenant.id ||
          grant.redirectUri !== body.redirect_uri ||
          grant.expiresAtMs <= Date.now()
        ) {
          throw new OAuthError(
            400,
            "invalid_grant",
            "The authorization code is invalid, used or expired.",
          );
        }
        return tokenResponse(
          context.env,
          tenant,
          context.env.account(grant.accountId)!,
          grant.scopes,
        );
      }
      return exchangeRefreshToken(context, tenant, body.refresh_token, body.scope);
    },
  },
  {
    method: "POST",
    path: "/oauth2/authorize",
    mount: "environment",
    auth: "none",
    bodyType: "form",
    summary: "The login form's submission: answers 302 to redirect_uri with code and state",
    tag: "OAuth",
    responses: {
      302: "Redirect carrying ?code=…&state=…",
      400: "invalid_request or invalid_grant",
    },
    async handler(context) {
      const body = parseOAuth(authorizeRequestSchema, context.request.body);
      const tenant = context.env.tenantByClientId(body.client_id);
      if (!tenant)
        throw new OAuthError(400, "invalid_request", "client_id is not a registered client.");
      const account = checkPassword(context.env, tenant, body.username, body.password);
      const code = context.env.newOpaqueToken("ac");
      context.env.authCodes.set(code, {
        accountId: account.id,
        tenant: tenant.id,
        scopes: grantedScopes(context.env, tenant, account, body.scope),
        expiresAtMs: Date.now() + CODE_TTL_MS,
        issuedAtMs: Date.now(),
        redirectUri: body.redirect_uri,
      });
      const location = new URL(body.redirect_uri);
      location.searchParams.set("code", code);
      if (body.state) location.searchParams.set("state", body.state);
      return { status: 302, body: null, headers: { location: location.toString() } };
    },
  },
  {
    method: "POST",
    path: "/oauth2/revoke",
    mount: "environment",
    auth: "none",
    bodyType: "form",
    summary: "Revoke an access or refresh token (RFC 7009); unknown tokens also answer 200",
    tag: "OAuth",
    responses: {
      200: "Revoked (or never valid)",
      400: "invalid_request: the token was issued to another client",
      401: "invalid_client",
    },
    async handler(context) {
      const { env } = context;
      const body = parseOAuth(revokeRequestSchema, context.request.body);
      const tenant = authenticateClient(context, body);
      const grant = env.refreshTokens.get(body.token);
      // RFC 7009 §2.2: an invalid token is not an error for revocation.
      const claims = grant ? null : await env.authority.verify(body.token).catch(() => null);
      // RFC 7009 §2.1: a client may revoke only the tokens issued to it.
      if (
        (grant && grant.tenant !== tenant.id) ||
        (claims && claims.client_id !== tenant.clientId)
      ) {
        throw new OAuthError(400, "invalid_request", "The token was issued to another client.");
      }
      if (grant) env.refreshTokens.delete(body.token);
      if (claims) env.revokedJtis.add(claims.jti);
      return { body: {} };
    },
  },
];
