// The lean path: an authenticated GET of a fixed vendor path (/sandbox/v1/account and the like)
// answered from node's own request and response, through the same pipeline stages, error bodies
// and request log entry as every other request. fastify's per-request machinery (its request and
// reply objects, router, hooks and send steps) cost about as much as the simulator's own work on
// such a read. Everything else goes to fastify: another method, a path with parameters or a query
// string, a fault on the board that drops, holds or fails requests, a server that is closing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { SimEnvironment } from "./environment";
import { ENVIRONMENTS, type EnvironmentName } from "./fleet";
import { answerError, hasServerFault, logRequest, newRequestState, startRoute } from "./pipeline";
import type { RouteSpec, SimReply, SimRequest } from "./route-spec";
import type { Simulator } from "./simulator";

type LeanRoute = { spec: RouteSpec; envName: EnvironmentName };
type HeaderValue = string | number | string[] | undefined;

const NO_VALUES: Record<string, string> = Object.freeze({});
// fastify's request.log drops everything too: the simulator's logger is off.
const NO_LOG = { error() {} };
const JSON_TYPE = "application/json; charset=utf-8";
const TEXT_TYPE = "text/plain; charset=utf-8";

/** The vendor reads the lean path answers, by their exact URL in each environment. */
function leanRoutes(specs: readonly RouteSpec[]): Map<string, LeanRoute> {
  const routes = new Map<string, LeanRoute>();
  for (const spec of specs) {
    const read = spec.method === "GET" && spec.mount === "environment" && spec.api === true;
    const fixed = !spec.params && !spec.query && !spec.path.includes(":");
    if (!read || !fixed || spec.auth !== "bearer") continue;
    for (const envName of ENVIRONMENTS) routes.set(`/${envName}${spec.path}`, { spec, envName });
  }
  return routes;
}

// A fault that drops the request (the caller's network) or holds or fails it (outage, latency,
// error rate) is fastify's to answer: its reply can be hijacked and waits on a closed socket.
function holdsOrDrops(env: SimEnvironment): boolean {
  return env.faults.has("phone_network") || hasServerFault(env);
}

/** A reply that writes to node's response as fastify's would for the JSON and text it is sent. */
class LeanReply implements SimReply {
  statusCode = 200;
  readonly #headers: Record<string, HeaderValue> = {};

  constructor(
    readonly raw: ServerResponse,
    readonly request: SimRequest,
  ) {}

  header(name: string, value: unknown): this {
    this.#headers[name.toLowerCase()] = value as HeaderValue;
    return this;
  }

  headers(values: Record<string, unknown>): this {
    for (const name in values) this.header(name, values[name]);
    return this;
  }

  code(status: number): this {
    this.statusCode = status;
    return this;
  }

  /** The headers themselves, not a copy as fastify gives: only the request log reads them. */
  getHeaders(): Record<string, HeaderValue> {
    return this.#headers;
  }

  send(payload?: unknown): this {
    const headers = this.#headers;
    let body: string | undefined;
    if (typeof payload === "string") {
      headers["content-type"] ??= TEXT_TYPE;
      body = payload;
    } else if (payload !== undefined) {
      headers["content-type"] ??= JSON_TYPE;
      body = JSON.stringify(payload);
    }
    headers["content-length"] = body === undefined ? "0" : String(Buffer.byteLength(body));
    this.raw.writeHead(this.statusCode, headers);
    this.raw.end(body);
    logRequest(this.request, this);
    return this;
  }
}

export class LeanPath {
  readonly #routes: Map<string, LeanRoute>;
  /** Set once the server starts closing: fastify answers 503 from then on. */
  closing = false;

  constructor(
    readonly simulator: Simulator,
    specs: readonly RouteSpec[],
  ) {
    this.#routes = leanRoutes(specs);
  }

  /** Answers the request if it is one for the lean path; false leaves it to fastify. */
  answer(raw: IncomingMessage, response: ServerResponse): boolean {
    const url = raw.url ?? "";
    const route = raw.method === "GET" ? this.#routes.get(url) : undefined;
    if (!route || this.closing) return false;
    const env = this.simulator.environments[route.envName];
    if (holdsOrDrops(env)) return false;
    const request: SimRequest = {
      headers: raw.headers,
      url,
      method: "GET",
      params: NO_VALUES,
      query: NO_VALUES,
      body: undefined,
      log: NO_LOG,
      sim: newRequestState(raw.headers, url, this.simulator),
    };
    const reply = new LeanReply(response, request);
    reply.header("x-correlationid", request.sim.correlationId);
    try {
      startRoute(this.simulator, route.spec, route.envName, request, reply)?.catch((error) =>
        answerError(error, request, reply),
      );
    } catch (error) {
      answerError(error, request, reply);
    }
    return true;
  }

  /** The HTTP/1 server fastify would build (its timeouts as passed), with the lean path first. */
  server(
    fastifyHandler: (request: IncomingMessage, response: ServerResponse) => void,
    options: { keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number },
  ): Server {
    const server = createServer((request, response) => {
      if (!this.answer(request, response)) fastifyHandler(request, response);
    });
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    return server;
  }
}
