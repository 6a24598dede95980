// Smartcar Connect, simulated: GET /oauth/authorize shows a sign-in page; POST to the same URL
// with email and password (and the query's client_id, redirect_uri, scope, state) answers 302 to
// the redirect URI with a code, or with error=access_denied as Connect does. A request Connect
// cannot trust (unknown client, unregistered redirect URI) gets an error page, never a redirect.
import { z } from "zod";
import type { SimEnvironment } from "../environment";
import type { Account } from "../fleet";
import { signInPage } from "./connect-page";
import { ConnectPageError } from "./errors";
import type { FaceContext, FaceRoute } from "./route";
import { CODE_TTL_MS, PERMISSIONS, type Application } from "./state";

const authorizeQuerySchema = z.object({
  response_type: z.literal("code", { error: "response_type must be code" }),
  client_id: z.string({ error: "client_id is required" }).min(1).max(200),
  redirect_uri: z.url({ error: "redirect_uri must be an absolute URL" }).max(2_000),
  scope: z
    .string({ error: "scope is required" })
    .max(2_000)
    .transform((scope) => scope.split(/[\s+]+/).filter(Boolean))
    .pipe(
      z
        .array(
          z.enum(PERMISSIONS, { error: `scope names permissions among ${PERMISSIONS.join(", ")}` }),
        )
        .min(1, { error: "scope is required" }),
    ),
  state: z.string().max(1_000).optional(),
});

const signInSchema = z.object({
  email: z.string({ error: "email is required" }).min(1).max(200),
  password: z.string({ error: "password is required" }).min(1).max(200),
});

type AuthorizeRequest = z.infer<typeof authorizeQuerySchema> & { application: Application };

/** The authorization request, or an error page when Connect could not safely redirect. */
function authorizeRequest(context: FaceContext, input: unknown): AuthorizeRequest {
  const raw = (input ?? {}) as Record<string, unknown>;
  const application = context.state.applicationByClientId(
    typeof raw.client_id === "string" ? raw.client_id : undefined,
  );
  if (!application)
    throw new ConnectPageError(
      400,
      "Unknown application",
      "client_id names no registered application.",
    );
  if (typeof raw.redirect_uri !== "string" || !application.redirectUris.includes(raw.redirect_uri))
    throw new ConnectPageError(
      400,
      "Redirect URI not registered",
      `redirect_uri must be one of the application's registered URIs (${application.redirectUris.join(", ")}).`,
    );
  const parsed = authorizeQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConnectPageError(400, "Invalid request", `${issue.path.join(".")}: ${issue.message}`);
  }
  return { ...parsed.data, application };
}

function redirect(to: string, params: Record<string, string | undefined>) {
  const location = new URL(to);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) location.searchParams.set(name, value);
  return { status: 302, body: null, headers: { location: location.toString() } };
}

function signIn(env: SimEnvironment, email: string, password: string, clientId: string) {
  const account = env.accountByEmail(email);
  if (!account || account.password !== password) return null;
  const about = env.about(clientId, account, null, "smartcar");
  const changed = env.faults
    .active(env.name, "account_auth", about)
    .some((fault) => fault.params.mode === "password_changed");
  return changed ? null : account;
}

function grantedPermissions(
  env: SimEnvironment,
  account: Account,
  clientId: string,
  wanted: string[],
) {
  const about = env.about(clientId, account, null, "smartcar");
  const removed = new Set(
    env.faults
      .active(env.name, "missing_scope", about)
      .map((fault) => fault.params.scope as string),
  );
  return wanted.filter((permission) => !removed.has(permission));
}

export const connectRoutes: FaceRoute[] = [
  {
    method: "GET",
    path: "/oauth/authorize",
    auth: "none",
    summary:
      "Connect: the sign-in page (query: response_type=code, client_id, redirect_uri, scope, state; mode is ignored)",
    tag: "Smartcar Connect",
    responses: { 200: "Sign-in page (HTML)", 400: "Error page: unknown client or redirect URI" },
    handler(context) {
      const authorize = authorizeRequest(context, context.request.query);
      return {
        body: signInPage({
          action: context.request.url,
          applicationName: authorize.application.name,
          permissions: authorize.scope,
        }),
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
      };
    },
  },
  {
    method: "POST",
    path: "/oauth/authorize",
    auth: "none",
    bodyType: "form",
    summary:
      "Connect: sign in (form: email, password) and approve; answers 302 to redirect_uri with code and state, or error=access_denied",
    tag: "Smartcar Connect",
    responses: {
      302: "redirect_uri?code=…&state=… or ?error=access_denied&error_description=…&state=…",
      400: "Error page: unknown client or redirect URI",
    },
    handler(context) {
      const { env, state } = context;
      const form = (context.request.body ?? {}) as Record<string, unknown>;
      const authorize = authorizeRequest(context, {
        ...(context.request.query as Record<string, unknown>),
        ...form,
      });
      const back = (params: Record<string, string | undefined>) =>
        redirect(authorize.redirect_uri, { ...params, state: authorize.state });
      const credentials = signInSchema.safeParse(form);
      const account = credentials.success
        ? signIn(
            env,
            credentials.data.email,
            credentials.data.password,
            authorize.application.clientId,
          )
        : null;
      if (!account)
        return back({
          error: "access_denied",
          error_description:
            "The email or password is incorrect, so the user did not grant access.",
        });
      const connected = state.connect(authorize.application, account);
      if (connected.length === 0)
        return back({
          error: "no_vehicles",
          error_description: "The connected-services account has no vehicles to connect.",
        });
      const code = state.newToken();
      state.codes.set(code, {
        applicationId: authorize.application.id,
        accountId: account.id,
        userId: state.userIdOf(account.id),
        scopes: grantedPermissions(env, account, authorize.application.clientId, authorize.scope),
        issuedAtMs: Date.now(),
        expiresAtMs: Date.now() + CODE_TTL_MS,
        redirectUri: authorize.redirect_uri,
      });
      return back({ code });
    },
  },
];
