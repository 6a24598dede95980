// API v2.0 for a connected user: who they are, their vehicles (paged), each vehicle's readings,
// lock and unlock, the permissions granted, disconnect, batch, and per-vehicle webhook
// subscriptions. Every answer carries sc-request-id; readings also sc-data-age, sc-fetched-at
// and sc-unit-system, which the SDK reads into `meta`.
import { z } from "zod";
import { SmartcarApiError, smartcarErrors } from "./errors";
import { emitLockState } from "./events";
import { applyVehicleState, requirePermission } from "./guards";
import type { FaceContext, FaceRoute } from "./route";
import { readingHeaders, VEHICLE_ENDPOINTS } from "./vehicle-data";

const api = { auth: "bearer", api: true, tag: "Smartcar API v2.0" } as const;

const pagingSchema = (maxLimit: number, defaultLimit: number) =>
  z.object({
    limit: z.coerce
      .number({ error: "limit must be a number" })
      .int()
      .min(1)
      .max(maxLimit)
      .default(defaultLimit),
    offset: z.coerce.number({ error: "offset must be a number" }).int().min(0).default(0),
  });

const securityBodySchema = z.object({
  action: z.enum(["LOCK", "UNLOCK"], { error: "action must be LOCK or UNLOCK" }),
});

const batchBodySchema = z.object({
  requests: z
    .array(z.object({ path: z.string({ error: "path is required" }).max(200) }))
    .min(1, { error: "requests must name at least one path" })
    .max(20),
});

const userRoute = (path: string): FaceRoute => ({
  ...api,
  method: "GET",
  path,
  summary: "The connected user's id (the SDK calls /v2.0/user/ with a trailing slash)",
  responses: { 200: "{id}", 401: "AUTHENTICATION" },
  handler: ({ grant }) => ({ body: { id: grant!.userId } }),
});

const vehiclesRoute = (path: string): FaceRoute => ({
  ...api,
  method: "GET",
  path,
  query: pagingSchema(50, 10),
  summary: "The user's connected vehicle ids, paged by limit and offset",
  responses: { 200: "{vehicles: [id], paging: {count, offset}}", 401: "AUTHENTICATION" },
  handler({ state, grant, query }) {
    const { limit, offset } = query as { limit: number; offset: number };
    const ids = state.connections
      .filter(
        (connection) =>
          connection.applicationId === grant!.applicationId && connection.userId === grant!.userId,
      )
      .map((connection) => connection.vehicleId);
    return {
      body: { vehicles: ids.slice(offset, offset + limit), paging: { count: ids.length, offset } },
    };
  },
});

function readingRoute(subPath: string, path: string): FaceRoute {
  const endpoint = VEHICLE_ENDPOINTS[subPath]!;
  return {
    ...api,
    method: "GET",
    path,
    live: endpoint.live,
    feature: endpoint.feature,
    permission: endpoint.permission,
    summary: endpoint.summary,
    responses: {
      200: endpoint.summary,
      401: "AUTHENTICATION",
      403: "PERMISSION",
      409: "VEHICLE_STATE",
      501: "COMPATIBILITY",
    },
    handler: (context) => ({
      body: endpoint.read(context, context.vehicle!),
      headers: readingHeaders(context, context.vehicle!),
    }),
  };
}

/** One batch item, answered as its own request would be, errors included. */
function batchItem(context: FaceContext, path: string) {
  const subPath = path.startsWith("/") ? path : `/${path}`;
  const endpoint = VEHICLE_ENDPOINTS[subPath];
  try {
    if (!endpoint) throw smartcarErrors.pathNotFound("GET", subPath);
    requirePermission(context, endpoint);
    if (endpoint.live) applyVehicleState(context, { command: false, feature: endpoint.feature });
    return {
      path,
      code: 200,
      body: endpoint.read(context, context.vehicle!),
      headers: readingHeaders(context, context.vehicle!),
    };
  } catch (error) {
    if (!(error instanceof SmartcarApiError)) throw error;
    return {
      path,
      code: error.spec.statusCode,
      body: error.body(context.requestId),
      headers: { "content-type": "application/json", ...error.headers },
    };
  }
}

export const vehicleRoutes: FaceRoute[] = [
  userRoute("/v2.0/user"),
  userRoute("/v2.0/user/"),
  vehiclesRoute("/v2.0/vehicles"),
  vehiclesRoute("/v2.0/vehicles/"),
  // The SDK reads attributes at the vehicle's path with a trailing slash.
  readingRoute("/", "/v2.0/vehicles/:vehicleId"),
  readingRoute("/", "/v2.0/vehicles/:vehicleId/"),
  ...Object.keys(VEHICLE_ENDPOINTS)
    .filter((subPath) => subPath !== "/")
    .map((subPath) => readingRoute(subPath, `/v2.0/vehicles/:vehicleId${subPath}`)),
  {
    ...api,
    method: "POST",
    path: "/v2.0/vehicles/:vehicleId/security",
    live: true,
    feature: "remote_lock",
    permission: "control_security",
    body: securityBodySchema,
    summary:
      "Lock or unlock ({action: LOCK | UNLOCK}); subscribed webhooks get VEHICLE_STATE, or VEHICLE_ERROR when the car cannot be reached",
    responses: { 200: "{status: success, message}", 403: "PERMISSION", 409: "VEHICLE_STATE" },
    handler(context) {
      const { action } = context.body as z.infer<typeof securityBodySchema>;
      const isLocked = action === "LOCK";
      context.state.locked.set(context.vehicle!.vin, isLocked);
      emitLockState(context, isLocked);
      return {
        body: {
          status: "success",
          message: `The vehicle was ${isLocked ? "locked" : "unlocked"}.`,
        },
      };
    },
  },
  {
    ...api,
    method: "GET",
    path: "/v2.0/vehicles/:vehicleId/permissions",
    query: pagingSchema(25, 25),
    summary: "Permissions the user granted to the application for this vehicle, paged",
    responses: { 200: "{permissions: [...], paging: {count, offset}}" },
    handler({ scopes, query }) {
      const { limit, offset } = query as { limit: number; offset: number };
      return {
        body: {
          permissions: scopes.slice(offset, offset + limit),
          paging: { count: scopes.length, offset },
        },
      };
    },
  },
  {
    ...api,
    method: "DELETE",
    path: "/v2.0/vehicles/:vehicleId/application",
    summary: "Disconnect the vehicle from the application (the SDK sends an empty JSON body)",
    responses: { 200: "{status: success}" },
    handler({ state, connection }) {
      state.disconnect(
        (candidate) =>
          candidate.applicationId === connection!.applicationId &&
          candidate.userId === connection!.userId &&
          candidate.vehicleId === connection!.vehicleId,
      );
      return { body: { status: "success" } };
    },
  },
  {
    ...api,
    method: "POST",
    path: "/v2.0/vehicles/:vehicleId/batch",
    body: batchBodySchema,
    summary:
      "Several readings in one call: {requests: [{path}]} → {responses: [{path, code, body, headers}]}",
    responses: { 200: "{responses: [...]}, each item with its own code" },
    handler(context) {
      const { requests } = context.body as z.infer<typeof batchBodySchema>;
      return { body: { responses: requests.map(({ path }) => batchItem(context, path)) } };
    },
  },
  {
    ...api,
    method: "POST",
    path: "/v2.0/vehicles/:vehicleId/webhooks/:webhookId",
    summary: "Subscribe the vehicle to one of the application's webhooks",
    responses: { 200: "{webhookId, vehicleId}", 404: "Unknown webhook" },
    handler({ state, application, params, connection }) {
      const webhook = state.webhooks
        .subscriptions(application!.clientId)
        .find((candidate) => candidate.id === params.webhookId);
      if (!webhook) throw smartcarErrors.pathNotFound("POST", `webhook ${params.webhookId}`);
      state.vehicleSubscriptions.add(`${webhook.id}:${connection!.vehicleId}`);
      return { body: { webhookId: webhook.id, vehicleId: connection!.vehicleId } };
    },
  },
  {
    method: "DELETE",
    path: "/v2.0/vehicles/:vehicleId/webhooks/:webhookId",
    auth: "management_bearer",
    api: true,
    tag: "Smartcar API v2.0",
    summary:
      "Unsubscribe a vehicle from a webhook (Bearer <application management token>, as the SDK sends)",
    responses: { 200: "{status: success}", 401: "AUTHENTICATION" },
    handler({ state, params }) {
      state.vehicleSubscriptions.delete(`${params.webhookId}:${params.vehicleId}`);
      return { body: { status: "success" } };
    },
  },
];
