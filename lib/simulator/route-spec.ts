// How a simulator route is declared: one table entry drives both the fastify route (with its
// auth, gates and zod validation) and the OpenAPI document, so the two cannot drift apart.
import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import type { SimEnvironment } from "./environment";
import type { FaultTarget } from "./faults";
import type { Account, Tenant } from "./fleet";
import type { Simulator } from "./simulator";
import type { AccessClaims } from "./token-authority";

/** What the pipeline keeps about one request, for its answer and its request log entry. */
export type RequestState = {
  correlationId: string;
  startedMs: number;
  env: SimEnvironment | null;
  tenant: string | null;
  accountId: string | null;
  rateRemaining: number | null;
  errorCode: string | null;
  dropped: boolean;
};

/** What the pipeline reads of a request: fastify's request is one, the lean path's another. */
export type SimRequest = {
  readonly headers: IncomingHttpHeaders;
  readonly url: string;
  readonly method: string;
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
  readonly log: { error(value: unknown): void };
  sim: RequestState;
};

/** How the pipeline answers: fastify's reply is one, the lean path's another. */
export type SimReply = {
  readonly statusCode: number;
  header(name: string, value: unknown): SimReply;
  headers(values: Record<string, unknown>): SimReply;
  code(status: number): SimReply;
  send(payload?: unknown): SimReply;
  getHeaders(): Record<string, string | number | string[] | undefined>;
};

// console: a tenant's API key (its own records) or the admin key (everyone's).
export type RouteAuth = "none" | "api_key" | "bearer" | "admin" | "console";

export type RouteContext = {
  sim: Simulator;
  env: SimEnvironment;
  request: SimRequest;
  reply: SimReply;
  correlationId: string;
  tenant: Tenant | null;
  account: Account | null;
  claims: AccessClaims | null;
  scopes: readonly string[];
  about: FaultTarget;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
};

export type RouteResult = { status?: number; body: unknown; headers?: Record<string, string> };

export type RouteSpec = {
  method: "GET" | "POST" | "DELETE";
  path: string;
  /** environment: served under /sandbox and /prod; global: served once at the root. */
  mount: "environment" | "global";
  auth: RouteAuth;
  /** For the vendor API proper (/v1): version gates, rate limits, outages apply. */
  api?: boolean;
  requiredScopes?: string[];
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyType?: "json" | "form";
  responses: Record<number, string>;
  handler: (context: RouteContext) => Promise<RouteResult> | RouteResult;
};
