// The Smartcar face's checks, in the order a request meets them: outages and injected latency,
// the API version, the caller's credentials, rate limits, the permission the endpoint needs, and
// for calls that reach the automaker the state of the account, subscription and vehicle. Every
// refusal comes from the one fault table (fault-errors.ts) or the face's own errors.
import type { Fault, FaultKind } from "../faults";
import type { Feature } from "../fleet";
import { lognormalMs } from "../random";
import { SmartcarApiError, smartcarErrors } from "./errors";
import { faultErrorRow, modeOf } from "./fault-errors";
import type { FaceContext, FaceRoute } from "./route";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error a fault stands for on this face, with retry-after where Smartcar sends it. */
export function faultError(fault: Fault, retryAfterS?: number): SmartcarApiError {
  return rowError(fault.kind, modeOf(fault.kind, fault.params), retryAfterS);
}

export function rowError(kind: FaultKind, mode: string, retryAfterS?: number): SmartcarApiError {
  const row = faultErrorRow(kind, mode);
  if (!row?.error) return smartcarErrors.internal();
  const headers: Record<string, string> =
    row.retryAfter && retryAfterS !== undefined ? { "retry-after": String(retryAfterS) } : {};
  return new SmartcarApiError(row.error, headers);
}

const active = (context: FaceContext, kind: FaultKind) =>
  context.env.faults.active(context.env.name, kind, context.about);

/** Where the request points, relative to the base: what a fault's pathPrefix is matched against. */
export function relativePath(context: FaceContext): string {
  const url = context.request.url.split("?")[0] ?? "";
  return url.slice(`/smartcar/${context.env.name}`.length) || "/";
}

export async function applyOutages(context: FaceContext): Promise<void> {
  const path = relativePath(context);
  for (const fault of active(context, "server_outage")) {
    const prefix = fault.params.pathPrefix as string | undefined;
    if (prefix && !path.startsWith(prefix)) continue;
    if (fault.params.mode === "timeout") await sleep(fault.params.holdMs as number);
    throw faultError(fault);
  }
  for (const fault of active(context, "latency")) {
    const { medianMs, p99Ms, stallMs } = fault.params as {
      medianMs: number;
      p99Ms: number;
      stallMs?: number;
    };
    await sleep(stallMs ?? lognormalMs(context.env.random, medianMs, p99Ms));
  }
  for (const fault of active(context, "error_rate")) {
    if (context.env.random() < (fault.params.rate as number))
      throw fault.params.status === 500
        ? rowError("server_outage", "unavailable")
        : rowError("server_outage", "timeout");
  }
}

/** A retired version answers RESOURCE_NOT_FOUND:VERSION; v1.0 is always retired. */
export function applyVersion(context: FaceContext): void {
  const version = relativePath(context).match(/^\/v(\d+(?:\.\d+)?)\//)?.[1];
  if (!version) return;
  for (const fault of active(context, "app_version")) {
    if (((fault.params.smartcarVersion as string | undefined) ?? "2.0") === version)
      throw faultError(fault);
  }
}

/** Bearer credentials: a live access token for a known account, and the vehicle it reaches. */
export function authenticateBearer(context: FaceContext): void {
  const { grant, state } = context;
  if (!grant)
    throw smartcarErrors.authentication(
      "The Authorization header is missing, malformed or carries an access token we did not issue.",
    );
  if (grant.expiresAtMs <= Date.now()) throw rowError("account_auth", "token_expired");
  for (const fault of active(context, "account_auth")) {
    const mode = fault.params.mode as string;
    const issuedBeforeFault = grant.issuedAtMs < Date.parse(fault.startsAt) + 1000;
    if (mode === "token_expired") throw faultError(fault);
    if (mode === "token_revoked" && issuedBeforeFault) throw faultError(fault);
  }
  const vehicleId = context.params.vehicleId;
  if (vehicleId) {
    const connection = state.connection(grant.applicationId, grant.userId, vehicleId);
    const vehicle = connection ? state.vehicleById(vehicleId) : undefined;
    if (!connection || !vehicle)
      throw smartcarErrors.authentication(
        "This access token does not grant access to the vehicle in the path.",
      );
    context.connection = connection;
    context.vehicle = vehicle;
  }
  const removed = new Set(
    active(context, "missing_scope").map((fault) => fault.params.scope as string),
  );
  context.scopes = grant.scopes.filter((scope) => !removed.has(scope));
}

export function applyRateLimit(context: FaceContext): void {
  const fault = active(context, "rate_limited")[0];
  if (!fault) return;
  const { limit, windowS, per } = fault.params as {
    limit: number;
    windowS: number;
    per: "vehicle" | "application";
  };
  const perVehicle = per === "vehicle";
  if (perVehicle && !context.vehicle) return;
  const scope = perVehicle ? "smartcar vehicle" : "smartcar application";
  const key = perVehicle ? context.vehicle!.vin : (context.application?.id ?? "anonymous");
  const decision = context.env.rateLimiter.take(scope, key, { limit, windowS });
  // Set before the refusal too: headers on the reply survive an error answer.
  context.reply.headers({
    "x-ratelimit-limit": decision.limit,
    "x-ratelimit-remaining": decision.remaining,
    "x-ratelimit-reset": decision.resetS,
  });
  if (!decision.allowed) throw faultError(fault, decision.resetS);
}

/** PERMISSION, as the fault table has it, naming the missing permission in detail. */
export function requirePermission(context: FaceContext, route: Pick<FaceRoute, "permission">) {
  if (route.permission && !context.scopes.includes(route.permission))
    throw new SmartcarApiError(faultErrorRow("missing_scope", "any")!.error!, {}, [
      { permission: route.permission },
    ]);
}

/** What the automaker would refuse for this account and vehicle, seeded states included. */
export function applyVehicleState(
  context: FaceContext,
  options: { command: boolean; feature: Feature },
): void {
  const { env, account, vehicle, about } = context;
  if (!account || !vehicle) return;
  for (const fault of active(context, "account_auth")) {
    const mode = fault.params.mode as string;
    if (mode === "password_changed" || mode === "verification_pending") throw faultError(fault);
  }
  if (account.verification === "pending") throw rowError("account_auth", "verification_pending");
  const { link, reason } = env.linkFor(vehicle.vin, account, about);
  const notPrimary = active(context, "vehicle_not_linked").find(
    (fault) => fault.params.mode === "not_primary",
  );
  if (notPrimary) throw faultError(notPrimary);
  if (!link) throw rowError("vehicle_not_linked", reason ?? "unlinked");
  const { status } = env.subscriptionStatus(vehicle.vin, about);
  if (status !== "active" && status !== "trial") throw rowError("subscription_inactive", "any");
  const region = active(context, "region_unavailable").find(
    (fault) => !fault.params.feature || fault.params.feature === options.feature,
  );
  if (region) throw faultError(region);
  if (!env.featureAvailable(vehicle, options.feature, about))
    throw rowError("region_unavailable", "feature");
  const connectivity = active(context, "vehicle_connectivity")[0];
  if (connectivity) throw faultError(connectivity);
  const { reachability } = env.reachability(vehicle, about);
  if (reachability === "asleep" || reachability === "unreachable")
    throw rowError("vehicle_connectivity", reachability);
  if (reachability === "weak_signal" && options.command)
    throw rowError("vehicle_connectivity", "weak_signal");
}
