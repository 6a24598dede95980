// The vendor's support console: what a partner's support engineer can look up about an
// account or a vehicle, the version policy, and a test token minted for an account. Pitstop's
// checks read these; all of it is fault-aware, so it shows what the API would enforce.
import { z } from "zod";
import { vendorErrors } from "../errors";
import type { SimEnvironment } from "../environment";
import { ENVIRONMENTS, FEATURES, type Account } from "../fleet";
import type { RouteSpec } from "../route-spec";
import { API_VERSIONS } from "../versions";
import { VIN_PATTERN } from "../vin";

const consoleRoute = { mount: "environment", auth: "console", tag: "Vendor console" } as const;
const tenantQuery = z.object({
  tenant: z.string().max(100).optional(),
  account: z.string().max(200).optional(),
});

function findAccount(env: SimEnvironment, reference: string): Account | undefined {
  return env.account(reference) ?? env.accountByEmail(reference);
}

function authState(env: SimEnvironment, tenant: string | null, account: Account) {
  const fault = env.faults.active(env.name, "account_auth", env.about(tenant, account))[0];
  if (fault) return { mode: fault.params.mode as string, since: fault.startsAt };
  return { mode: account.verification === "pending" ? "verification_pending" : "ok", since: null };
}

export const supportConsoleRoutes: RouteSpec[] = [
  {
    ...consoleRoute,
    method: "GET",
    path: "/console/accounts/:account",
    params: z.object({ account: z.string().min(1).max(200) }),
    query: tenantQuery,
    summary: "An account (by id or email): verification, sign-in state, linked vehicles",
    responses: { 200: "Account", 404: "Unknown account" },
    handler({ env, params, query, tenant }) {
      const account = findAccount(env, params.account ?? "");
      if (!account) throw vendorErrors.notFound("Account");
      const tenantId = tenant?.id ?? (query.tenant as string | undefined) ?? null;
      return {
        body: {
          id: account.id,
          email: account.email,
          market: account.market,
          verification:
            authState(env, tenantId, account).mode === "verification_pending"
              ? "pending"
              : account.verification,
          authState: authState(env, tenantId, account),
          vehicles: env
            .linksOf(account, tenantId)
            .map((link) => ({ vin: link.vin, role: link.role })),
        },
      };
    },
  },
  {
    ...consoleRoute,
    method: "GET",
    path: "/console/vehicles/:vin",
    params: z.object({
      vin: z
        .string()
        .toUpperCase()
        .regex(VIN_PATTERN, { error: "vin must be 17 characters without I, O or Q" }),
    }),
    query: tenantQuery,
    summary:
      "A vehicle: links, subscription, telematics reachability, market features; with ?account= the account's link",
    responses: { 200: "Vehicle", 404: "VIN_NOT_FOUND" },
    handler({ env, params, query, tenant }) {
      const vin = params.vin ?? "";
      const vehicle = env.vehicle(vin);
      if (!vehicle) throw vendorErrors.vinNotFound(vin);
      const tenantId = tenant?.id ?? (query.tenant as string | undefined) ?? null;
      const account = query.account ? findAccount(env, query.account as string) : undefined;
      const about = env.about(tenantId, account ?? null, vin);
      const subscription = env.fleet.subscriptions.find((candidate) => candidate.vin === vin);
      const accountLink = account ? env.linkFor(vin, account, about) : null;
      return {
        body: {
          vin,
          brand: vehicle.brand,
          model: vehicle.model,
          market: vehicle.market,
          telematics: { unit: vehicle.telematics.unit, ...env.reachability(vehicle, about) },
          links: env.fleet.links
            .filter((link) => link.vin === vin)
            .map((link) => ({
              accountId: link.accountId,
              accountEmail: env.account(link.accountId)?.email ?? "",
              role: link.role,
              linkedAt: link.linkedAt,
            })),
          subscription: { plan: subscription?.plan ?? null, ...env.subscriptionStatus(vin, about) },
          features: FEATURES.map((feature) => ({
            feature,
            available: env.featureAvailable(vehicle, feature, about),
          })),
          accountLink: accountLink
            ? {
                linked: Boolean(accountLink.link),
                role: accountLink.link?.role ?? null,
                reason: accountLink.reason,
              }
            : null,
        },
      };
    },
  },
  {
    ...consoleRoute,
    method: "GET",
    path: "/console/versions",
    query: tenantQuery,
    summary: "Version policy: API versions served, deprecated and sunset; minimum app version",
    responses: { 200: "Versions" },
    handler({ env, query, tenant }) {
      const about = env.about(tenant?.id ?? (query.tenant as string | undefined) ?? null, null);
      return {
        body: {
          apiVersions: {
            supported: API_VERSIONS.supported,
            deprecated: API_VERSIONS.deprecated,
            sunset: env.sunsetApiVersions(about),
            latest: API_VERSIONS.latest,
          },
          minAppVersion: env.minAppVersion(about),
        },
      };
    },
  },
  {
    method: "POST",
    path: "/admin/tokens",
    mount: "global",
    auth: "admin",
    tag: "Admin",
    body: z.object({
      environment: z.enum(ENVIRONMENTS, { error: "environment must be sandbox or prod" }),
      tenant: z.string().min(1).max(100),
      account: z.string().min(1).max(200),
      scopes: z.array(z.string().min(1).max(100)).max(50).default([]),
    }),
    summary:
      "Mint an access token for an account as the tenant's app would hold it (test facility)",
    responses: { 200: "Token", 404: "Unknown tenant or account" },
    async handler({ sim, body }) {
      const input = body as {
        environment: (typeof ENVIRONMENTS)[number];
        tenant: string;
        account: string;
        scopes: string[];
      };
      const env = sim.environments[input.environment];
      const tenant = env.fleet.tenants.find((candidate) => candidate.id === input.tenant);
      const account = findAccount(env, input.account);
      if (!tenant) throw vendorErrors.notFound(`Tenant ${input.tenant}`);
      if (!account) throw vendorErrors.notFound(`Account ${input.account}`);
      const removed = new Set(
        env.faults
          .active(env.name, "missing_scope", env.about(tenant.id, account))
          .map((fault) => fault.params.scope as string),
      );
      const scopes = (input.scopes.length ? input.scopes : tenant.allowedScopes).filter(
        (scope) => tenant.allowedScopes.includes(scope) && !removed.has(scope),
      );
      const { token, claims } = await env.authority.issue({
        sub: account.id,
        clientId: tenant.clientId,
        scopes,
        ttlS: env.options.accessTokenTtlS,
      });
      return {
        body: {
          access_token: token,
          token_type: "Bearer",
          expires_in: claims.exp - claims.iat,
          scope: scopes.join(" "),
        },
        headers: { "cache-control": "no-store" },
      };
    },
  },
];
