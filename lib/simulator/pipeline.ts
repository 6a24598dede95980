// The vendor's request pipeline, shared by fastify's routes and the lean path: correlation id,
// outages and latency, API key, rate limits, version gates, bearer token and scopes, zod
// validation, the handler, the error answers and the request log entry. It reads and answers
// through SimRequest and SimReply, which fastify's request and reply are, and so is the lean path's.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import { OAuthError, VendorError, vendorErrors, type VendorErrorBody } from "./errors";
import type { SimEnvironment } from "./environment";
import type { Fault } from "./faults";
import { ENVIRONMENTS, type EnvironmentName } from "./fleet";
import { lognormalMs } from "./random";
import { pathOf } from "./request-log";
import type {
  RequestState,
  RouteContext,
  RouteResult,
  RouteSpec,
  SimReply,
  SimRequest,
} from "./route-spec";
import type { AccessClaims } from "./token-authority";
import type { Simulator } from "./simulator";
import { compareAppVersions } from "../versions/app-version";
import { API_VERSIONS } from "./versions";

export const BODY_LIMIT_BYTES = 64 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Runs on every request: a prefix test per environment instead of splitting the URL.
const ENVIRONMENT_PREFIXES = ENVIRONMENTS.map((name) => [name, `/${name}`] as const);
function environmentOf(url: string, simulator: Simulator): SimEnvironment | null {
  for (const [name, prefix] of ENVIRONMENT_PREFIXES) {
    if (!url.startsWith(prefix)) continue;
    const next = url.charCodeAt(prefix.length);
    // "/", "?" or the end of the URL: the environment's whole first segment.
    if (Number.isNaN(next) || next === 47 || next === 63) return simulator.environments[name];
  }
  return null;
}

export function header(
  request: { headers: IncomingHttpHeaders },
  name: string,
): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
export function newRequestState(
  headers: IncomingHttpHeaders,
  url: string,
  simulator: Simulator,
): RequestState {
  const sent = headers["x-correlationid"];
  const given = Array.isArray(sent) ? sent[0] : sent;
  const correlationId = given && /^[\w.:@/+-]{1,128}$/.test(given) ? given : randomUUID();
  return {
    correlationId,
    startedMs: performance.now(),
    env: environmentOf(url, simulator),
    tenant: null,
    accountId: null,
    rateRemaining: null,
    errorCode: null,
    dropped: false,
  };
}

function errorBody(error: VendorError, request: SimRequest): VendorErrorBody {
  const correlationId = request.sim?.correlationId ?? randomUUID();
  if (request.sim) request.sim.errorCode = error.code;
  return {
    status: error.status,
    code: error.code,
    message: error.message,
    correlationId,
    ...(error.oauthError ? { error: error.oauthError } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}

/** A 400 naming each field that failed validation. */
function validationError(where: string, error: z.ZodError): VendorError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[[where, ...issue.path].join(".")] ??= issue.message;
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  return vendorErrors.badRequest("INVALID_REQUEST", summary, { fields });
}

// Outage, latency and error-rate faults apply in two passes: those not aimed at an account before
// anything else (an outage answers before authentication), and those aimed at one once the bearer
// token has said whose request it is. Each fault falls in exactly one pass, so none applies twice.
type FaultPass = "before_auth" | "account";
const SERVER_FAULT_KINDS = ["server_outage", "latency", "error_rate"] as const;

/** Whether an outage, latency or error-rate fault is on the board (anywhere, for anyone). */
export function hasServerFault(env: SimEnvironment): boolean {
  return SERVER_FAULT_KINDS.some((kind) => env.faults.has(kind));
}

// Without a server fault on the board (the usual case) nothing is awaited: the pipeline stays
// synchronous and the request costs no extra promise.
function applyServerFaults(context: RouteContext, pass: FaultPass): Promise<void> | undefined {
  if (!hasServerFault(context.env)) return undefined;
  return applyActiveServerFaults(context, pass);
}

async function applyActiveServerFaults(context: RouteContext, pass: FaultPass): Promise<void> {
  const { env, request, about } = context;
  const path = request.url.slice(env.name.length + 1).split("?")[0] ?? "";
  const active = <K extends (typeof SERVER_FAULT_KINDS)[number]>(kind: K) =>
    env.faults
      .active(env.name, kind, about)
      .filter((fault: Fault) => Boolean(fault.target.account) === (pass === "account"));
  for (const fault of active("server_outage")) {
    const prefix = fault.params.pathPrefix as string | undefined;
    if (prefix && !path.startsWith(prefix)) continue;
    const mode = fault.params.mode as string;
    if (mode === "timeout") {
      await sleep(fault.params.holdMs as number);
      throw vendorErrors.gatewayTimeout();
    }
    const retryAfterS = Math.max(1, Math.ceil((Date.parse(fault.endsAt) - Date.now()) / 1000));
    throw vendorErrors.serviceUnavailable(Math.min(retryAfterS, 3600), mode === "maintenance");
  }
  for (const fault of active("latency")) {
    const { medianMs, p99Ms, stallMs } = fault.params as {
      medianMs: number;
      p99Ms: number;
      stallMs?: number;
    };
    await sleep(stallMs ?? lognormalMs(env.random, medianMs, p99Ms));
  }
  for (const fault of active("error_rate")) {
    if (env.random() < (fault.params.rate as number))
      throw vendorErrors.injectedError(fault.params.status as number);
  }
}

function takeRate(
  context: RouteContext,
  key: string,
  rule: { limit: number; windowS: number },
  scope: string,
): void {
  const { env, request, reply, about } = context;
  const tight = env.faults.active(env.name, "rate_limited", about)[0];
  const effective = tight
    ? { limit: tight.params.limit as number, windowS: tight.params.windowS as number }
    : rule;
  const decision = env.rateLimiter.take(scope, key, effective);
  // Report whichever limit is closer to running out; headers set here survive an error answer.
  if (request.sim.rateRemaining === null || decision.remaining <= request.sim.rateRemaining) {
    request.sim.rateRemaining = decision.remaining;
    reply.header("x-ratelimit-limit", decision.limit);
    reply.header("x-ratelimit-remaining", decision.remaining);
    reply.header("x-ratelimit-reset", decision.resetS);
  }
  if (!decision.allowed) throw vendorErrors.rateLimited(decision.resetS, scope);
}

export const NO_HEADERS: Record<string, string> = Object.freeze({});
const NO_SCOPES: readonly string[] = Object.freeze([]);
const DEPRECATION_HEADERS: Record<string, string> = Object.freeze({
  deprecation: "true",
  sunset: API_VERSIONS.deprecatedSunsetAt,
});

function applyVersionGates(context: RouteContext): Record<string, string> {
  const { request, env, about } = context;
  const apiVersion = header(request, "x-api-version");
  if (!apiVersion) throw vendorErrors.apiVersionRequired();
  if (env.isSunsetApiVersion(apiVersion, about))
    throw vendorErrors.apiVersionSunset(apiVersion, API_VERSIONS.latest);
  if (!(API_VERSIONS.supported as readonly string[]).includes(apiVersion))
    throw vendorErrors.apiVersionUnsupported(apiVersion, API_VERSIONS.supported);
  const appVersion = header(request, "x-app-version");
  if (appVersion) {
    const minimum = env.minAppVersion(about);
    if (!/^\d+(\.\d+){0,3}$/.test(appVersion))
      throw vendorErrors.badRequest(
        "INVALID_APP_VERSION",
        "x-app-version must be a dotted version like 3.4.0.",
      );
    if ((compareAppVersions(appVersion, minimum) ?? 0) < 0)
      throw vendorErrors.upgradeRequired(appVersion, minimum);
  }
  return (API_VERSIONS.deprecated as readonly string[]).includes(apiVersion)
    ? DEPRECATION_HEADERS
    : NO_HEADERS;
}

// A token verified before (and not expired since) is checked without a promise; a new one is
// verified asynchronously and the rest of the checks follow.
function authenticateBearer(spec: RouteSpec, context: RouteContext): Promise<void> | undefined {
  const authorization = header(context.request, "authorization");
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw vendorErrors.missingToken();
  const claims = context.env.authority.verifiedBefore(token);
  if (claims) return admitBearer(spec, context, claims);
  return context.env.authority
    .verify(token)
    .then((verified) => admitBearer(spec, context, verified));
}

function admitBearer(spec: RouteSpec, context: RouteContext, claims: AccessClaims): undefined {
  const { env, request } = context;
  if (env.revokedJtis.has(claims.jti))
    throw vendorErrors.invalidToken("The access token has been revoked.");
  const account = env.account(claims.sub);
  if (!account) throw vendorErrors.invalidToken("The access token's subject no longer exists.");
  context.account = account;
  context.claims = claims;
  context.about = env.about(context.tenant?.id ?? null, account, context.params.vin ?? null);
  request.sim.accountId = account.id;
  if (context.tenant && context.tenant.clientId !== claims.client_id)
    throw vendorErrors.clientMismatch();
  for (const fault of env.faults.active(env.name, "account_auth", context.about)) {
    const mode = fault.params.mode as string;
    const issuedBeforeFault = claims.iat * 1000 < Date.parse(fault.startsAt) + 1000;
    if (mode === "token_expired") throw vendorErrors.invalidToken("The access token expired.");
    if (mode === "token_revoked" && issuedBeforeFault)
      throw vendorErrors.invalidToken("The access token has been revoked.");
    if (mode === "password_changed" && issuedBeforeFault)
      throw vendorErrors.invalidToken(
        "The access token was revoked because the account's password changed.",
      );
    if (mode === "verification_pending") throw vendorErrors.verificationPending();
  }
  if (account.verification === "pending") throw vendorErrors.verificationPending();
  // The token's own scopes, shared rather than copied, unless a fault takes some away.
  const removed = env.faults.active(env.name, "missing_scope", context.about);
  context.scopes =
    removed.length === 0
      ? claims.scopes
      : claims.scopes.filter((scope) => !removed.some((fault) => fault.params.scope === scope));
  if (spec.api && context.tenant)
    takeRate(context, claims.jti, context.tenant.tokenRateLimit, "token");
  for (const scope of spec.requiredScopes ?? []) {
    if (!context.scopes.includes(scope)) throw vendorErrors.insufficientScope(scope);
  }
  return undefined;
}

function parseInput(spec: RouteSpec, context: RouteContext): void {
  const { request } = context;
  for (const [where, schema, value] of [
    ["params", spec.params, request.params],
    ["query", spec.query, request.query],
    ["body", spec.body, request.body],
  ] as const) {
    if (!schema) continue;
    if (where === "body" && (value === undefined || value === null))
      throw vendorErrors.badRequest("INVALID_REQUEST", "The request needs a body.");
    const parsed = schema.safeParse(value ?? {});
    if (!parsed.success) throw validationError(where, parsed.error);
    context[where] = parsed.data as never;
  }
}

// The pipeline runs synchronously as long as no stage has anything to wait for (the usual case:
// no fault on the board, a token verified before, a synchronous route handler); a stage that
// does return a promise carries the rest of the pipeline on with it. A stage that throws answers
// through the error handler either way (fastify catches a synchronous handler's throw). The
// stages are plain functions of one request's run, so a request builds no closures of its own.
type Run = {
  spec: RouteSpec;
  context: RouteContext;
  faultAware: boolean;
  extraHeaders: Record<string, string>;
};
type Stage = (run: Run) => Promise<unknown> | undefined;
function thenRun(
  pending: Promise<unknown> | undefined,
  next: Stage,
  run: Run,
): Promise<unknown> | undefined {
  return pending ? pending.then(() => next(run)) : next(run);
}

function answer(run: Run, result: RouteResult): undefined {
  const { reply } = run.context;
  reply.headers(run.extraHeaders);
  if (result.headers) reply.headers(result.headers);
  reply.code(result.status ?? 200).send(result.body);
  return undefined;
}

function handle(run: Run): Promise<unknown> | undefined {
  parseInput(run.spec, run.context);
  const result = run.spec.handler(run.context);
  return result instanceof Promise
    ? result.then((settled) => answer(run, settled))
    : answer(run, result);
}

function afterAuthentication(run: Run): Promise<unknown> | undefined {
  return thenRun(
    run.faultAware ? applyServerFaults(run.context, "account") : undefined,
    handle,
    run,
  );
}

function passGates(run: Run): Promise<unknown> | undefined {
  const { spec, context } = run;
  const { tenant } = context;
  if (spec.auth === "api_key" || spec.auth === "bearer") {
    if (!tenant) throw vendorErrors.invalidApiKey();
    if (spec.api) takeRate(context, tenant.apiKey, tenant.keyRateLimit, "api key");
  }
  if (spec.api) run.extraHeaders = applyVersionGates(context);
  if (spec.auth !== "bearer") return handle(run);
  return thenRun(authenticateBearer(spec, context), afterAuthentication, run);
}

/**
 * One request through a route's pipeline: undefined once it has answered, a promise while a stage
 * waits. A stage's throw reaches the caller (fastify's error handler, or the lean path's).
 */
export function startRoute(
  simulator: Simulator,
  spec: RouteSpec,
  envName: EnvironmentName | null,
  request: SimRequest,
  reply: SimReply,
): Promise<unknown> | undefined {
  const env = envName ? simulator.environments[envName] : simulator.environments.sandbox;
  const tenant = env.tenantByApiKey(header(request, "x-api-key")) ?? null;
  const params = request.params as Record<string, string>;
  const context: RouteContext = {
    sim: simulator,
    env,
    request,
    reply,
    correlationId: request.sim.correlationId,
    tenant,
    account: null,
    claims: null,
    scopes: NO_SCOPES,
    about: env.about(tenant?.id ?? null, null, params.vin ?? null),
    params,
    query: request.query as Record<string, unknown>,
    body: request.body,
  };
  request.sim.tenant = tenant?.id ?? null;
  const isAdmin = header(request, "x-admin-key") === simulator.options.adminKey;
  if (spec.auth === "admin" && !isAdmin)
    throw new VendorError(401, "INVALID_ADMIN_KEY", "The x-admin-key header is missing or wrong.");
  if (spec.auth === "console" && !isAdmin && !tenant) throw vendorErrors.invalidApiKey();
  const faultAware = spec.api === true || spec.path.startsWith("/oauth2");
  const run: Run = { spec, context, faultAware, extraHeaders: NO_HEADERS };
  return thenRun(
    faultAware ? applyServerFaults(context, "before_auth") : undefined,
    passGates,
    run,
  );
}

export function logRequest(request: SimRequest, reply: SimReply): void {
  const state = request.sim;
  if (!state?.env || state.dropped) return;
  state.env.requestLog.add({
    atMs: Date.now(),
    environment: state.env.name,
    method: request.method,
    path: pathOf(request.url),
    status: reply.statusCode,
    latencyMs: performance.now() - state.startedMs,
    correlationId: state.correlationId,
    tenant: state.tenant,
    accountId: state.accountId,
    errorCode: state.errorCode,
    requestHeaders: request.headers,
    responseHeaders: reply.getHeaders(),
  });
}

export function answerError(error: unknown, request: SimRequest, reply: SimReply): SimReply {
  if (error instanceof OAuthError) {
    if (request.sim) request.sim.errorCode = error.error;
    return reply
      .code(error.status)
      .header("cache-control", "no-store")
      .send({ error: error.error, error_description: error.description });
  }
  if (error instanceof VendorError)
    return reply.code(error.status).headers(error.headers).send(errorBody(error, request));
  const code = (error as { code?: string }).code ?? "";
  const known: Record<string, VendorError> = {
    FST_ERR_CTP_INVALID_JSON_BODY: vendorErrors.badRequest(
      "INVALID_JSON",
      "The request body is not valid JSON.",
    ),
    FST_ERR_CTP_EMPTY_JSON_BODY: vendorErrors.badRequest(
      "INVALID_JSON",
      "The request body is empty but Content-Type says JSON.",
    ),
    FST_ERR_CTP_BODY_TOO_LARGE: new VendorError(
      413,
      "PAYLOAD_TOO_LARGE",
      `The request body exceeds ${BODY_LIMIT_BYTES} bytes.`,
    ),
    FST_ERR_CTP_INVALID_MEDIA_TYPE: new VendorError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "Send application/json (or form data to /oauth2).",
    ),
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: vendorErrors.badRequest(
      "INVALID_REQUEST",
      "Content-Length does not match the body.",
    ),
  };
  const mapped =
    known[code] ??
    ((error as { statusCode?: number }).statusCode === 400
      ? vendorErrors.badRequest("INVALID_REQUEST", "The request is malformed.")
      : null);
  if (mapped) return reply.code(mapped.status).send(errorBody(mapped, request));
  request.log.error(error);
  return reply
    .code(500)
    .send(
      errorBody(new VendorError(500, "INTERNAL_ERROR", "An internal error occurred."), request),
    );
}
