// Fault control and housekeeping, behind the admin key.
import { z } from "zod";
import { vendorErrors } from "../errors";
import type { SimEnvironment } from "../environment";
import { faultInputSchema, FAULT_KINDS, type Fault } from "../faults";
import { ENVIRONMENTS } from "../fleet";
import type { RouteSpec } from "../route-spec";

const admin = { mount: "global", auth: "admin", tag: "Admin" } as const;

// What the vendor's own audit log would show for the change a fault stands for.
function auditFault(env: SimEnvironment, fault: Fault): void {
  const tenant = fault.target.tenant ?? null;
  const who = fault.target.vin ?? fault.target.account ?? tenant ?? "all clients";
  const params = fault.params;
  if (fault.kind === "missing_scope")
    env.recordAudit("scope_change", tenant, `scope ${params.scope} removed for ${who}`, {
      scope: params.scope,
      target: fault.target,
    });
  if (fault.kind === "subscription_inactive") {
    env.recordAudit(
      "subscription_change",
      tenant,
      `subscription for ${who} is now ${params.status}`,
      { status: params.status, target: fault.target },
    );
    env.webhooks.emit(tenant ? [tenant] : null, "subscription.changed", {
      status: params.status,
      ...fault.target,
    });
  }
  if (fault.kind === "vehicle_not_linked") {
    env.recordAudit(
      params.mode === "not_primary" ? "relink" : "unlink",
      tenant,
      `${who}: ${params.mode}`,
      { mode: params.mode, target: fault.target },
    );
    env.webhooks.emit(tenant ? [tenant] : null, "vehicle.unlinked", {
      reason: params.mode,
      ...fault.target,
    });
  }
  if (fault.kind === "account_auth" && params.mode === "password_changed")
    env.recordAudit("password_change", tenant, `password changed for ${who}`, {
      target: fault.target,
    });
  if (fault.kind === "app_version" && params.minAppVersion)
    env.recordAudit(
      "app_version_gate",
      tenant,
      `minimum app version raised to ${params.minAppVersion}`,
      { minAppVersion: params.minAppVersion },
    );
  if (fault.kind === "app_version" && params.sunsetApiVersion)
    env.recordAudit("api_version_sunset", tenant, `API version ${params.sunsetApiVersion} sunset`, {
      apiVersion: params.sunsetApiVersion,
    });
}

export const adminRoutes: RouteSpec[] = [
  {
    ...admin,
    method: "GET",
    path: "/admin/faults",
    summary: "Active and scheduled faults",
    responses: { 200: "Faults", 401: "Admin key required" },
    handler: ({ sim }) => ({ body: { faults: sim.faults.list(), kinds: FAULT_KINDS } }),
  },
  {
    ...admin,
    method: "POST",
    path: "/admin/faults",
    body: faultInputSchema,
    summary: "Inject a fault: kind, environment, target (tenant, account, vin), duration, params",
    responses: { 201: "The fault as stored", 400: "Invalid fault (fields named)" },
    handler({ sim, body }) {
      const fault = sim.faults.add(body as z.output<typeof faultInputSchema>);
      auditFault(sim.environments[fault.environment], fault);
      return { status: 201, body: fault };
    },
  },
  {
    ...admin,
    method: "DELETE",
    path: "/admin/faults/:faultId",
    params: z.object({ faultId: z.string().min(1).max(100) }),
    summary: "Clear one fault",
    responses: { 200: "The cleared fault", 404: "Unknown fault" },
    handler({ sim, params }) {
      const fault = sim.faults.remove(params.faultId ?? "");
      if (!fault) throw vendorErrors.notFound("Fault");
      return { body: fault };
    },
  },
  {
    ...admin,
    method: "DELETE",
    path: "/admin/faults",
    summary: "Clear every fault",
    responses: { 200: "The cleared faults" },
    handler: ({ sim }) => ({ body: { cleared: sim.faults.clear() } }),
  },
  {
    ...admin,
    method: "POST",
    path: "/admin/reset",
    summary: "Return to the seeded state: fleet, keys, tokens, logs, faults",
    responses: { 200: "Reset" },
    async handler({ sim }) {
      await sim.reset();
      return { body: { reset: true } };
    },
  },
  {
    ...admin,
    method: "POST",
    path: "/admin/keys/rotate",
    body: z.object({
      environment: z.enum(ENVIRONMENTS, { error: "environment must be sandbox or prod" }),
      retirePrevious: z.boolean({ error: "retirePrevious must be true or false" }).default(false),
    }),
    summary: "Rotate the token-signing key; retirePrevious invalidates tokens signed by older keys",
    responses: { 200: "New kid and retired kids" },
    async handler({ sim, body }) {
      const { environment, retirePrevious } = body as {
        environment: (typeof ENVIRONMENTS)[number];
        retirePrevious: boolean;
      };
      const env = sim.environments[environment];
      const rotated = await env.authority.rotate(retirePrevious);
      env.recordAudit("key_rotation", null, `signing key rotated to ${rotated.kid}`, rotated);
      return { body: rotated };
    },
  },
  {
    ...admin,
    method: "GET",
    path: "/admin/fleet",
    query: z.object({
      environment: z.enum(ENVIRONMENTS, { error: "environment must be sandbox or prod" }),
    }),
    summary: "The seeded fleet of an environment, credentials included (it is a simulator)",
    responses: { 200: "Fleet" },
    handler: ({ sim, query }) => ({
      body: sim.environments[query.environment as (typeof ENVIRONMENTS)[number]].fleet,
    }),
  },
];
