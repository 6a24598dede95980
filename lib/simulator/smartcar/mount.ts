// The Smartcar face's mount: one fastify plugin per environment at /smartcar/{environment}, with
// its own body parsers (an empty JSON body is allowed, as the SDK sends one on deletes), its own
// request state and log entry keyed by sc-request-id, the caller's-network fault, and Smartcar's
// error envelope for everything that goes wrong under the base, 404 and 405 included. The
// Toyota-style routes never pass through any of it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SimEnvironment } from "../environment";
import type { FaultTarget } from "../faults";
import type { EnvironmentName } from "../fleet";
import { pathOf } from "../request-log";
import type { Simulator } from "../simulator";
import { connectErrorPage } from "./connect-page";
import { basicCredentials, bearerToken, header } from "./credentials";
import { emitCommandError } from "./events";
import { ConnectPageError, SmartcarApiError, SmartcarOAuthError, smartcarErrors } from "./errors";
import {
  applyOutages,
  applyRateLimit,
  applyVehicleState,
  applyVersion,
  authenticateBearer,
  requirePermission,
  rowError,
} from "./guards";
import type { FaceContext, FaceRoute } from "./route";
import { smartcarRoutes } from "./routes";
import type { Application, SmartcarState } from "./state";

export const SMARTCAR_BASE = "/smartcar";

type FaceRequestState = {
  requestId: string;
  startedMs: number;
  /** Wall-clock arrival: the log's `at`, so a client's "since" after an answer excludes it. */
  arrivedAtMs: number;
  env: SimEnvironment;
  tenant: string | null;
  accountId: string | null;
  userId: string | null;
  vehicleId: string | null;
  errorType: string | null;
  errorCode: string | null;
  dropped: boolean;
};

declare module "fastify" {
  interface FastifyRequest {
    smartcar: FaceRequestState | null;
  }
}

/** Who a request is from, as far as its credentials and path show; nothing is verified here. */
function identify(request: FastifyRequest, env: SimEnvironment, state: SmartcarState) {
  const token = bearerToken(request);
  const grant = token ? (state.accessTokens.get(token) ?? null) : null;
  let application: Application | null = grant
    ? (state.application(grant.applicationId) ?? null)
    : null;
  if (!application) {
    const basic = basicCredentials(request);
    application =
      (basic &&
        (basic[0] === "default"
          ? state.applicationByManagementToken(basic[1])
          : state.applicationByClientId(basic[0]))) ||
      null;
  }
  const account = grant ? (env.account(grant.accountId) ?? null) : null;
  const vehicleId = (request.params as { vehicleId?: string } | undefined)?.vehicleId;
  const vehicle = vehicleId ? state.vehicleById(vehicleId) : undefined;
  const about: FaultTarget = {
    face: "smartcar",
    tenant: application?.clientId ?? null,
    account: account?.id ?? null,
    accountEmail: account?.email ?? null,
    vin: vehicle?.vin ?? null,
  };
  return { grant, application, account, about };
}

const ERROR_TYPE_OF_OAUTH = "OAUTH";

function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const state = request.smartcar;
  const requestId = state?.requestId ?? request.sim?.correlationId ?? "";
  if (error instanceof ConnectPageError) {
    if (state) Object.assign(state, { errorType: "CONNECT", errorCode: error.title });
    return reply
      .code(error.status)
      .header("content-type", "text/html; charset=utf-8")
      .send(connectErrorPage(error));
  }
  if (error instanceof SmartcarOAuthError) {
    if (state) Object.assign(state, { errorType: ERROR_TYPE_OF_OAUTH, errorCode: error.error });
    return reply
      .code(error.status)
      .header("cache-control", "no-store")
      .send({ error: error.error, error_description: error.description });
  }
  const known = error instanceof SmartcarApiError ? error : frameworkError(error);
  if (!known) request.log.error(error);
  const answer = known ?? smartcarErrors.internal();
  if (state) Object.assign(state, { errorType: answer.spec.type, errorCode: answer.spec.code });
  return reply.code(answer.spec.statusCode).headers(answer.headers).send(answer.body(requestId));
}

function frameworkError(error: unknown): SmartcarApiError | null {
  const code = (error as { code?: string }).code ?? "";
  if (code === "FST_ERR_CTP_INVALID_JSON_BODY" || code === "SC_INVALID_JSON")
    return smartcarErrors.validation("The request body is not valid JSON.");
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return smartcarErrors.validation("The request body is too large.", undefined, 413);
  if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
    return smartcarErrors.validation(
      "Send application/json, or form data to /oauth endpoints.",
      undefined,
      415,
    );
  if ((error as { statusCode?: number }).statusCode === 400)
    return smartcarErrors.validation("The request is malformed.");
  return null;
}

/** A 400 naming each field that failed validation, in Smartcar's VALIDATION:PARAMETER shape. */
function validationError(where: string, error: z.ZodError): SmartcarApiError {
  const detail = error.issues.map((issue) => ({
    field: [where, ...issue.path].join("."),
    message: issue.message,
  }));
  return smartcarErrors.validation(
    detail.map(({ field, message }) => `${field}: ${message}`).join("; "),
    detail,
  );
}

function authenticateClient(context: FaceContext): void {
  const basic = basicCredentials(context.request);
  const application = basic ? context.state.applicationByClientId(basic[0]) : undefined;
  if (!application || application.clientSecret !== basic?.[1])
    throw smartcarErrors.authentication(
      "The client id or secret in the Basic credentials is wrong.",
    );
  context.application = application;
}

function authenticateManagement(context: FaceContext): void {
  const basic = basicCredentials(context.request);
  const application =
    basic?.[0] === "default" ? context.state.applicationByManagementToken(basic[1]) : undefined;
  if (!application)
    throw smartcarErrors.authentication(
      'Management calls take Basic credentials "default:<application management token>".',
    );
  context.application = application;
}

function authenticateManagementBearer(context: FaceContext): void {
  const application = context.state.applicationByManagementToken(bearerToken(context.request));
  if (!application)
    throw smartcarErrors.authentication(
      "This call takes the application management token as the bearer token.",
    );
  context.application = application;
}

function handlerFor(sim: Simulator, envName: EnvironmentName, route: FaceRoute) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const env = sim.environments[envName];
    const state = sim.smartcar[envName];
    const { grant, application, account, about } = identify(request, env, state);
    const context: FaceContext = {
      sim,
      env,
      state,
      request,
      reply,
      requestId: request.smartcar!.requestId,
      application,
      grant,
      account,
      vehicle: null,
      connection: null,
      scopes: [],
      about,
      params: request.params as Record<string, string>,
      query: request.query as Record<string, unknown>,
      body: request.body,
    };
    const log = request.smartcar!;
    log.tenant = application?.clientId ?? null;
    log.accountId = account?.id ?? null;
    log.userId = grant?.userId ?? null;
    log.vehicleId = context.params.vehicleId ?? null;
    if (route.api) {
      await applyOutages(context);
      applyVersion(context);
    }
    if (route.auth === "bearer") authenticateBearer(context);
    if (route.auth === "client") authenticateClient(context);
    if (route.auth === "management") authenticateManagement(context);
    if (route.auth === "management_bearer") authenticateManagementBearer(context);
    log.tenant = context.application?.clientId ?? log.tenant;
    if (route.api) applyRateLimit(context);
    requirePermission(context, route);
    if (route.live && context.vehicle) {
      const command = route.method !== "GET";
      try {
        applyVehicleState(context, { command, feature: route.feature ?? "vehicle_status" });
      } catch (error) {
        if (command && error instanceof SmartcarApiError) emitCommandError(context, error);
        throw error;
      }
    }
    for (const [where, schema, value] of [
      ["query", route.query, request.query],
      ["body", route.body, request.body],
    ] as const) {
      if (!schema) continue;
      const parsed = schema.safeParse(value ?? {});
      if (!parsed.success) throw validationError(where, parsed.error);
      context[where] = parsed.data as never;
    }
    const result = await route.handler(context);
    if (result.headers) reply.headers(result.headers);
    reply.code(result.status ?? 200);
    return result.body === null ? reply.send() : reply.send(result.body);
  };
}

const patternOf = (path: string) =>
  new RegExp(`^${path.replace(/[.]/g, "\\.").replace(/:\w+/g, "[^/]+")}$`);
const ROUTE_PATTERNS = smartcarRoutes.map((route) => ({
  method: route.method,
  pattern: patternOf(route.path),
}));

function logRequest(request: FastifyRequest, reply: FastifyReply): void {
  const state = request.smartcar;
  if (!state || state.dropped) return;
  state.env.requestLog.add({
    atMs: Math.floor(state.arrivedAtMs),
    environment: state.env.name,
    method: request.method,
    path: pathOf(request.url),
    status: reply.statusCode,
    latencyMs: performance.now() - state.startedMs,
    correlationId: state.requestId,
    tenant: state.tenant,
    accountId: state.accountId,
    errorCode: state.errorCode,
    requestHeaders: request.headers,
    responseHeaders: reply.getHeaders(),
    face: "smartcar",
    vehicleId: state.vehicleId,
    userId: state.userId,
    errorType: state.errorType,
  });
}

function newFaceState(request: FastifyRequest, env: SimEnvironment): FaceRequestState {
  return {
    requestId: request.sim.correlationId,
    startedMs: request.sim.startedMs,
    arrivedAtMs: Date.now() - (performance.now() - request.sim.startedMs),
    env,
    tenant: null,
    accountId: null,
    userId: null,
    vehicleId: null,
    errorType: null,
    errorCode: null,
    dropped: false,
  };
}

/**
 * The router refuses a path it cannot decode before any plugin sees it: under the face's base,
 * answer (and log) that as the face would. False when the URL is not the face's.
 */
export function answerMalformedFaceUrl(
  sim: Simulator,
  request: FastifyRequest,
  reply: FastifyReply,
): boolean {
  const envName = /^\/smartcar\/(sandbox|prod)(?:[/?]|$)/.exec(request.url)?.[1] as
    EnvironmentName | undefined;
  if (!envName) return false;
  request.smartcar = newFaceState(request, sim.environments[envName]);
  reply.header("sc-request-id", request.smartcar.requestId);
  reply.raw.once("finish", () => logRequest(request, reply));
  answerError(
    smartcarErrors.validation("The URL path is malformed or a path segment is too long."),
    request,
    reply,
  );
  return true;
}

function faceFor(sim: Simulator, envName: EnvironmentName) {
  return async (face: FastifyInstance) => {
    const env = sim.environments[envName];
    const base = `${SMARTCAR_BASE}/${envName}`;
    face.decorateRequest("smartcar", null);
    // The SDK sends Content-Type: application/json on every call, with no body on GETs and deletes.
    face.removeContentTypeParser("application/json");
    face.addContentTypeParser("application/json", { parseAs: "string" }, (_request, text, done) => {
      if ((text as string).trim() === "") return done(null, undefined);
      try {
        done(null, JSON.parse(text as string));
      } catch {
        done(Object.assign(new Error("invalid JSON"), { code: "SC_INVALID_JSON" }), undefined);
      }
    });
    face.addHook("onRequest", async (request, reply) => {
      request.smartcar = newFaceState(request, env);
      reply.header("sc-request-id", request.smartcar.requestId);
      if (!env.faults.has("phone_network", "smartcar")) return;
      // The simulator's operator and the application's own backend (management calls, which is
      // how Pitstop looks at the face) are not behind the failing phone network.
      if (header(request, "x-admin-key") === sim.options.adminKey) return;
      if (basicCredentials(request)?.[0] === "default") return;
      const { about } = identify(request, env, sim.smartcar[envName]);
      const fault = env.faults.active(env.name, "phone_network", about)[0];
      if (!fault) return;
      // The caller's own network: the request never reaches Smartcar, so it is never logged.
      request.smartcar.dropped = true;
      reply.hijack();
      if (fault.params.mode === "reset") request.raw.socket.destroy();
      else setTimeout(() => request.raw.socket.destroy(), 60_000).unref();
    });
    face.addHook("onResponse", async (request, reply) => logRequest(request, reply));
    face.setErrorHandler((error, request, reply) => answerError(error, request, reply));
    face.setNotFoundHandler((request, reply) => {
      const path = (request.url.split("?")[0] ?? "").slice(base.length) || "/";
      // v1.0 was retired: every call to it answers as Smartcar answers a retired version.
      if (path.startsWith("/v1.0/"))
        return answerError(rowError("app_version", "any"), request, reply);
      const allowed = ROUTE_PATTERNS.filter((route) => route.pattern.test(path)).map(
        (route) => route.method,
      );
      return answerError(
        allowed.length
          ? smartcarErrors.methodNotAllowed(request.method, path, [...new Set(allowed)])
          : smartcarErrors.pathNotFound(request.method, path),
        request,
        reply,
      );
    });
    for (const route of smartcarRoutes)
      face.route({
        method: route.method,
        url: route.path,
        handler: handlerFor(sim, envName, route),
      });
  };
}

/** Mounts the face for every environment under /smartcar/{environment}. */
export async function mountSmartcarFace(
  app: FastifyInstance,
  sim: Simulator,
  environments: readonly EnvironmentName[],
): Promise<void> {
  for (const envName of environments)
    await app.register(faceFor(sim, envName), { prefix: `${SMARTCAR_BASE}/${envName}` });
}
