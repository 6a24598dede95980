// The simulator's HTTP server (fastify). Every request gets a correlation id (taken from
// x-correlationid or generated) echoed on the response; environment routes go through the
// vendor's pipeline (pipeline.ts): network faults, outages, latency, API key, rate limits,
// version gates, bearer token and scopes, then zod validation, then the handler. Authenticated
// GETs of fixed vendor paths take the lean path (lean-path.ts) in front of fastify: same pipeline,
// without fastify's per-request machinery.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { decodeJwt } from "jose";
import { vendorErrors } from "./errors";
import type { SimEnvironment, SimulatorOptions } from "./environment";
import type { FaultTarget } from "./faults";
import { ENVIRONMENTS, type EnvironmentName } from "./fleet";
import {
  answerError,
  BODY_LIMIT_BYTES,
  header,
  logRequest,
  newRequestState,
  startRoute,
} from "./pipeline";
import type { RequestState, RouteSpec } from "./route-spec";
import { simulatorRoutes } from "./routes";
import { LeanPath } from "./lean-path";
import { answerMalformedFaceUrl, mountSmartcarFace } from "./smartcar/mount";
import { Simulator } from "./simulator";

export { BODY_LIMIT_BYTES };

declare module "fastify" {
  interface FastifyRequest {
    sim: RequestState;
  }
}

// Whose network a request left from, as far as the request itself shows: the API key's tenant,
// the bearer token's subject and the VIN in the path. The token is only read, not verified: a
// phone_network fault drops the request before it reaches anything that would verify it.
function callerOf(request: FastifyRequest, env: SimEnvironment): FaultTarget {
  const tenant = env.tenantByApiKey(header(request, "x-api-key"));
  const token = header(request, "authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  let subject: string | undefined;
  try {
    subject = token ? decodeJwt(token).sub : undefined;
  } catch {
    subject = undefined;
  }
  const vin = (request.params as { vin?: unknown } | undefined)?.vin;
  return env.about(
    tenant?.id ?? null,
    subject ? (env.account(subject) ?? null) : null,
    typeof vin === "string" ? vin : null,
  );
}

// The caller's own network: the request never reaches the vendor, so it is never logged. The
// simulator's operator (the admin key) is never behind it, so faults can still be cleared.
function dropOnPhoneNetwork(
  request: FastifyRequest,
  reply: FastifyReply,
  env: SimEnvironment,
  simulator: Simulator,
): void {
  if (header(request, "x-admin-key") === simulator.options.adminKey) return;
  const fault = env.faults.active(env.name, "phone_network", callerOf(request, env))[0];
  if (!fault) return;
  request.sim.dropped = true;
  reply.hijack();
  if (fault.params.mode === "reset") request.raw.socket.destroy();
  else setTimeout(() => request.raw.socket.destroy(), 60_000).unref();
}

function handlerFor(simulator: Simulator, spec: RouteSpec, envName: EnvironmentName | null) {
  return (request: FastifyRequest, reply: FastifyReply) =>
    startRoute(simulator, spec, envName, request, reply);
}

export async function buildSimulatorServer(
  options: SimulatorOptions,
): Promise<{ app: FastifyInstance; simulator: Simulator }> {
  const simulator = new Simulator(options);
  await simulator.reset();
  const leanPath = new LeanPath(simulator, simulatorRoutes);
  const app = Fastify({
    serverFactory: (handler, serverOptions) =>
      leanPath.server(handler, serverOptions as Parameters<LeanPath["server"]>[1]),
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: true,
    // The router refuses a path it cannot decode (bad percent-encoding, an over-long parameter)
    // before any hook runs; answer and log it like every other error, correlation id included.
    frameworkErrors: (_error, request, reply) => {
      request.sim = newRequestState(request.headers, request.url, simulator);
      reply.header("x-correlationid", request.sim.correlationId);
      if (answerMalformedFaceUrl(simulator, request, reply)) return;
      reply.raw.once("finish", () => logRequest(request, reply));
      return answerError(
        vendorErrors.badRequest(
          "INVALID_REQUEST",
          "The URL path is malformed or a path segment is too long.",
        ),
        request,
        reply,
      );
    },
  });

  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.decorateRequest("sim", null as unknown as RequestState);
  // Both hooks run on every request: callback style, so neither costs a promise.
  app.addHook("onRequest", (request, reply, done) => {
    request.sim = newRequestState(request.headers, request.url, simulator);
    const { correlationId, env } = request.sim;
    reply.header("x-correlationid", correlationId);
    if (env?.faults.has("phone_network")) dropOnPhoneNetwork(request, reply, env, simulator);
    done();
  });
  app.addHook("preClose", (done) => {
    leanPath.closing = true;
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    logRequest(request, reply);
    done();
  });
  app.setErrorHandler((error, request, reply) => answerError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    answerError(
      vendorErrors.notFound(`${request.method} ${request.url.split("?")[0]}`),
      request,
      reply,
    ),
  );

  // The Smartcar face under /smartcar/{environment}: its own plugin, hooks and error envelope.
  await mountSmartcarFace(app, simulator, ENVIRONMENTS);
  for (const spec of simulatorRoutes) {
    const mounts: Array<EnvironmentName | null> =
      spec.mount === "environment" ? [...ENVIRONMENTS] : [null];
    for (const envName of mounts) {
      app.route({
        method: spec.method,
        url: envName ? `/${envName}${spec.path}` : spec.path,
        handler: handlerFor(simulator, spec, envName),
      });
    }
  }
  return { app, simulator };
}
