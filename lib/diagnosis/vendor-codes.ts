// What a vendor error code in the request log or a replay says about the cause. Kept as data:
// a code the vendor adds later is one line here.
import type { CauseId } from "./taxonomy";

export const VENDOR_CODE_CAUSES: Record<string, CauseId> = {
  SUBSCRIPTION_INACTIVE: "subscription_inactive",
  INVALID_TOKEN: "account_auth",
  AUTHENTICATION_REQUIRED: "account_auth",
  ACCOUNT_VERIFICATION_PENDING: "account_auth",
  CLIENT_MISMATCH: "account_auth",
  invalid_grant: "account_auth",
  invalid_token: "account_auth",
  INSUFFICIENT_SCOPE: "missing_scope",
  insufficient_scope: "missing_scope",
  VEHICLE_NOT_LINKED: "vehicle_not_linked",
  NOT_PRIMARY_DRIVER: "vehicle_not_linked",
  PAIRING_OWNERSHIP_CONFLICT: "vehicle_not_linked",
  APP_UPGRADE_REQUIRED: "app_version",
  API_VERSION_SUNSET: "app_version",
  UNSUPPORTED_API_VERSION: "app_version",
  API_VERSION_REQUIRED: "app_version",
  RATE_LIMIT_EXCEEDED: "rate_limited",
  SERVICE_UNAVAILABLE: "server_outage",
  SCHEDULED_MAINTENANCE: "server_outage",
  UPSTREAM_TIMEOUT: "server_outage",
  INTERNAL_ERROR: "server_outage",
  FEATURE_NOT_AVAILABLE_IN_REGION: "region_unavailable",
  TCU_UNREACHABLE: "vehicle_connectivity",
  TCU_WEAK_SIGNAL: "vehicle_connectivity",
  PAIRING_VEHICLE_TIMEOUT: "vehicle_connectivity",
};

/** The cause an HTTP status alone points at, when no vendor code says more. */
export function causeOfStatus(status: number): CauseId | null {
  if (status === 429) return "rate_limited";
  if (status === 426 || status === 410) return "app_version";
  if (status === 401) return "account_auth";
  if (status >= 500) return "server_outage";
  return null;
}
