// How a Smartcar face route is declared: one entry drives the fastify route (with the face's
// authentication, faults and zod validation) and its line in the OpenAPI document.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { SimEnvironment } from "../environment";
import type { FaultTarget } from "../faults";
import type { Account, Feature, Vehicle } from "../fleet";
import type { Simulator } from "../simulator";
import type { Application, Connection, Grant, Permission, SmartcarState } from "./state";

/**
 * none: open (Connect's pages); client: the application's id and secret by HTTP Basic;
 * bearer: a user's access token; management: Basic "default:<application management token>";
 * management_bearer: the application management token as a bearer token (webhook unsubscribe).
 */
export type FaceAuth = "none" | "client" | "bearer" | "management" | "management_bearer";

export type FaceContext = {
  sim: Simulator;
  env: SimEnvironment;
  state: SmartcarState;
  request: FastifyRequest;
  reply: FastifyReply;
  requestId: string;
  application: Application | null;
  grant: Grant | null;
  account: Account | null;
  /** The vehicle the path names, once the token is known to reach it. */
  vehicle: Vehicle | null;
  connection: Connection | null;
  /** Granted permissions as faults leave them. */
  scopes: string[];
  about: FaultTarget;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
};

export type FaceResult = {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
};

export type FaceRoute = {
  method: "GET" | "POST" | "DELETE";
  /** Relative to the base ({simulator}/smartcar/{environment}). */
  path: string;
  auth: FaceAuth;
  /** Versioned API (/v2.0, /v3): outages, version retirement and rate limits apply. */
  api?: boolean;
  /** Reaches the automaker (a live read or a command): vehicle-side faults apply. */
  live?: boolean;
  /** The market feature a live call depends on (region faults name it). */
  feature?: Feature;
  permission?: Permission;
  summary: string;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyType?: "json" | "form";
  responses: Record<number, string>;
  handler: (context: FaceContext) => Promise<FaceResult> | FaceResult;
};
