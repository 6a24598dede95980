// The public status page and the vendor console: request log by correlation id, audit log,
// quota usage, webhook deliveries and status history. The console is its own service: it
// stays up through API outages and is not rate limited.
import { z } from "zod";
import type { SimEnvironment } from "../environment";
import type { Fault } from "../faults";
import type { RouteSpec } from "../route-spec";

const limitSchema = z.coerce
  .number({ error: "limit must be a number" })
  .int()
  .min(1, { error: "limit must be 1 or more" })
  .max(1_000, { error: "limit must be at most 1000" })
  .default(100);

function outageWindow(fault: Fault) {
  return {
    id: fault.id,
    kind: fault.params.mode === "maintenance" ? "maintenance" : "incident",
    mode: fault.params.mode,
    scope:
      fault.params.pathPrefix ??
      (fault.target.tenant ? `tenant ${fault.target.tenant}` : "all endpoints"),
    startsAt: fault.startsAt,
    endsAt: fault.endsAt,
    note: fault.note ?? null,
  };
}

export function statusSnapshot(env: SimEnvironment, now = new Date()) {
  const iso = now.toISOString();
  const windows = env.faults.history(env.name, "server_outage").map(outageWindow);
  const active = windows.filter((window) => window.startsAt <= iso && window.endsAt > iso);
  const upcoming = windows.filter(
    (window) => window.kind === "maintenance" && window.startsAt > iso,
  );
  const status = active.some((window) => window.kind === "maintenance")
    ? "under_maintenance"
    : active.some((window) => window.scope === "all endpoints")
      ? "major_outage"
      : active.length
        ? "partial_outage"
        : "operational";
  return {
    environment: env.name,
    status,
    updatedAt: iso,
    incidents: active.filter((window) => window.kind === "incident"),
    maintenance: [...active.filter((window) => window.kind === "maintenance"), ...upcoming],
  };
}

const consoleRoute = { mount: "environment", auth: "console", tag: "Vendor console" } as const;

export const statusRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/status",
    mount: "environment",
    auth: "none",
    summary: "Status page: current incidents and maintenance windows",
    tag: "Status",
    responses: { 200: "Status" },
    handler: ({ env }) => ({ body: statusSnapshot(env) }),
  },
  {
    ...consoleRoute,
    method: "GET",
    path: "/console/requests",
    query: z.object({
      correlationId: z.string().max(128).optional(),
      since: z.iso
        .datetime({ offset: true, error: "since must be an ISO 8601 date-time" })
        .optional(),
      tenant: z.string().max(100).optional(),
      limit: limitSchema,
    }),
    summary: "Request log (secrets redacted), newest first; filter by correlation id",
    responses: { 200: "Requests", 401: "API key or admin key required" },
    handler({ env, tenant, query }) {
      const { correlationId, since, limit } = query as {
        correlationId?: string;
        since?: string;
        limit: number;
        tenant?: string;
      };
      const requests = env.requestLog.search({
        correlationId,
        since: since ? new Date(since) : undefined,
        tenant: tenant?.id ?? (query.tenant as string | undefined),
        limit,
      });
      return { body: { requests } };
    },
  },
  {
    ...consoleRoute,
    method: "GET",
    path: "/console/audit",
    query: z.object({ limit: limitSchema }),
    summary: "Audit log: key rotations, scope changes, relinks, subscription and password changes",
    responses: { 200: "Audit entries, newest first" },
    handler({ env, tenant, query }) {
      const entries = env.audit.filter(
        (entry) => !tenant || entry.tenant === null || entry.tenant === tenant.id,
      );
      return { body: { entries: entries.slice(-(query.limit as number)).reverse() } };
    },
  },
  {
    ...consoleRoute,
    method: "GET",
    path: "/console/quota",
    summary: "Rate limits and their use in the current window, per client",
    responses: { 200: "Quota" },
    handler({ env, tenant }) {
      const quotas = env.fleet.tenants
        .filter((candidate) => !tenant || candidate.id === tenant.id)
        .map((candidate) => {
          const tight = env.faults.active(env.name, "rate_limited", { tenant: candidate.id })[0];
          const effective = tight
            ? { limit: tight.params.limit as number, windowS: tight.params.windowS as number }
            : candidate.keyRateLimit;
          return {
            tenant: candidate.id,
            keyRateLimit: effective,
            tokenRateLimit: tight ? effective : candidate.tokenRateLimit,
            usedInCurrentWindow: env.rateLimiter.used("api key", candidate.apiKey, effective),
            limitedByFault: Boolean(tight),
          };
        });
      return { body: { quotas } };
    },
  },
  {
    ...consoleRoute,
    method: "GET",
    path: "/console/webhook-deliveries",
    query: z.object({ limit: limitSchema }),
    summary: "Webhook delivery attempts with the answer each got, newest first",
    responses: { 200: "Deliveries" },
    handler: ({ env, tenant, query }) => ({
      body: { deliveries: env.webhooks.deliveries(tenant?.id ?? null, query.limit as number) },
    }),
  },
  {
    ...consoleRoute,
    method: "GET",
    path: "/console/status-history",
    summary: "Past, current and scheduled incidents and maintenance windows",
    responses: { 200: "Windows, oldest first" },
    handler: ({ env }) => ({
      body: { windows: env.faults.history(env.name, "server_outage").map(outageWindow) },
    }),
  },
];
