// The management API, authenticated as the SDK's getConnections/deleteConnections do (Basic
// "default:<application management token>"): the application's connections, its webhooks (a
// registration is verified with Smartcar's challenge before it is kept) and the face's own
// request log for the application, which tells whether a call ever reached Smartcar.
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { smartcarErrors } from "./errors";
import type { FaceRoute } from "./route";
import type { Application, SmartcarState } from "./state";
import { SMARTCAR_EVENTS, smartcarSignature } from "./webhook-format";

const management = { auth: "management", tag: "Smartcar management" } as const;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
const VERIFY_TIMEOUT_MS = 5_000;
export const REQUEST_LOG_LIMIT = 200;

const connectionsQuerySchema = z.object({
  user_id: z.string().max(100).optional(),
  vehicle_id: z.string().max(100).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(100).default(10),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, { error: "cursor must be a cursor this API returned" })
    .optional(),
});

const deleteQuerySchema = z
  .object({
    user_id: z.string().max(100).optional(),
    vehicle_id: z.string().max(100).optional(),
  })
  .refine((query) => Boolean(query.user_id) !== Boolean(query.vehicle_id), {
    error: "give exactly one of user_id or vehicle_id",
  });

const webhookBodySchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).max(2_000),
  events: z
    .array(z.enum(SMARTCAR_EVENTS, { error: `events must be among ${SMARTCAR_EVENTS.join(", ")}` }))
    .min(1)
    .default([...SMARTCAR_EVENTS]),
});

const requestLogQuerySchema = z.object({
  since: z.iso.datetime({ offset: true, error: "since must be an ISO 8601 date-time" }).optional(),
  until: z.iso.datetime({ offset: true, error: "until must be an ISO 8601 date-time" }).optional(),
  vehicleId: z.string().max(100).optional(),
  requestId: z.string().max(128).optional(),
});

const ownConnections = (state: SmartcarState, application: Application) =>
  state.connections.filter((connection) => connection.applicationId === application.id);

/** Smartcar's verification: the callback must answer {challenge: HMAC(amt, challenge)}. */
async function verifyCallback(url: string, application: Application, webhookId: string) {
  const challenge = randomBytes(16).toString("hex");
  const body = JSON.stringify({
    eventId: randomUUID(),
    eventType: "VERIFY",
    data: { challenge },
    meta: { version: "4.0", webhookId, deliveredAt: Date.now() },
  });
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "sc-signature": smartcarSignature(application.managementToken, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
    const answer = (await response.json().catch(() => null)) as { challenge?: unknown } | null;
    return (
      response.ok && answer?.challenge === smartcarSignature(application.managementToken, challenge)
    );
  } catch {
    return false;
  }
}

export const managementRoutes: FaceRoute[] = [
  {
    ...management,
    method: "GET",
    path: "/v2.0/management/connections",
    query: connectionsQuerySchema,
    summary: "The application's connections, newest first, paged by cursor",
    responses: { 200: "{connections: [{vehicleId, userId, connectedAt}], paging: {cursor}}" },
    handler({ state, application, query }) {
      const { user_id, vehicle_id, limit, cursor } = query as z.infer<
        typeof connectionsQuerySchema
      >;
      const matching = ownConnections(state, application!)
        .filter((connection) => !user_id || connection.userId === user_id)
        .filter((connection) => !vehicle_id || connection.vehicleId === vehicle_id)
        .sort((a, b) => b.connectedAt.localeCompare(a.connectedAt));
      const start = Number(cursor ?? 0);
      const next = start + limit < matching.length ? String(start + limit) : null;
      return {
        body: {
          connections: matching
            .slice(start, start + limit)
            .map(({ vehicleId, userId, connectedAt }) => ({ vehicleId, userId, connectedAt })),
          paging: { cursor: next },
        },
      };
    },
  },
  {
    ...management,
    method: "DELETE",
    path: "/v2.0/management/connections",
    query: deleteQuerySchema,
    summary: "Delete the connections of one user or one vehicle (the SDK sends an empty JSON body)",
    responses: { 200: "{connections: [{vehicleId, userId}]}", 400: "VALIDATION" },
    handler({ state, application, query }) {
      const { user_id, vehicle_id } = query as z.infer<typeof deleteQuerySchema>;
      const removed = state.disconnect(
        (connection) =>
          connection.applicationId === application!.id &&
          (user_id ? connection.userId === user_id : connection.vehicleId === vehicle_id),
      );
      return {
        body: { connections: removed.map(({ vehicleId, userId }) => ({ vehicleId, userId })) },
      };
    },
  },
  {
    ...management,
    method: "POST",
    path: "/v2.0/management/webhooks",
    body: webhookBodySchema,
    summary:
      "Register a webhook: the URL must answer the VERIFY challenge with {challenge: hashChallenge(amt, challenge)}",
    responses: { 201: "{id, url, events, status: VERIFIED}", 400: "VALIDATION: not verified" },
    async handler({ state, env, application, body }) {
      const { url, events } = body as z.infer<typeof webhookBodySchema>;
      if (!env.options.allowAnyWebhookHost && !LOOPBACK.test(new URL(url).hostname))
        throw smartcarErrors.validation(
          "The simulator delivers webhooks to loopback addresses only.",
          [{ field: "body.url", message: "must be a loopback address" }],
        );
      const webhook = state.webhooks.subscribe(
        application!.clientId,
        url,
        events,
        application!.managementToken,
      );
      if (!(await verifyCallback(url, application!, webhook.id))) {
        state.webhooks.unsubscribe(application!.clientId, webhook.id);
        throw smartcarErrors.validation(
          "The callback did not answer the verification challenge with its HMAC.",
          [{ field: "body.url", message: "did not verify" }],
        );
      }
      return { status: 201, body: { id: webhook.id, url, events, status: "VERIFIED" } };
    },
  },
  {
    ...management,
    method: "GET",
    path: "/v2.0/management/webhooks",
    summary: "The application's verified webhooks",
    responses: { 200: "{webhooks: [{id, url, events}]}" },
    handler: ({ state, application }) => ({
      body: {
        webhooks: state.webhooks
          .subscriptions(application!.clientId)
          .map(({ id, url, events }) => ({ id, url, events })),
      },
    }),
  },
  {
    ...management,
    method: "GET",
    path: "/v2.0/management/request-log",
    query: requestLogQuerySchema,
    summary: `The face's request log for this application, newest first, up to ${REQUEST_LOG_LIMIT}: whether a call reached Smartcar`,
    responses: {
      200: "{requests: [{at, method, path, status, latencyMs, requestId, vehicleId, userId, errorType, errorCode}]}",
    },
    handler({ env, application, query }) {
      const { since, until, vehicleId, requestId } = query as z.infer<typeof requestLogQuerySchema>;
      const base = `/smartcar/${env.name}`;
      const requests = env.requestLog
        .search({
          face: "smartcar",
          tenant: application!.clientId,
          correlationId: requestId,
          vehicleId,
          since: since ? new Date(since) : undefined,
          until: until ? new Date(until) : undefined,
          limit: REQUEST_LOG_LIMIT,
        })
        .map((entry) => ({
          at: entry.at,
          method: entry.method,
          path: entry.path.startsWith(base) ? entry.path.slice(base.length) : entry.path,
          status: entry.status,
          latencyMs: entry.latencyMs,
          requestId: entry.correlationId,
          vehicleId: entry.vehicleId ?? null,
          userId: entry.userId ?? null,
          errorType: entry.errorType ?? null,
          errorCode: entry.errorCode ?? null,
        }));
      return { body: { requests } };
    },
  },
];
