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

/** What a Smartcar error's type (and code, where the type alone does not say) means for the cause. */
export type SmartcarCodeMeaning = {
  type: string;
  code: string | null;
  cause: CauseId;
  why: string;
};

// Smartcar's documented v2.0 error types and codes (smartcar.com/docs/errors/api-errors), each
// with the cause it settles. The SDK prints them as `TYPE:CODE - description` (a code-less type
// as `TYPE:null`), and a request log records them as they were sent, so one table serves the
// classifier (vendor-vocabulary.ts) and the Smartcar checks. Codes whose meaning is not one of
// our causes (a door left open, a charger fault) are left out on purpose: they prove nothing.
export const SMARTCAR_CODES: readonly SmartcarCodeMeaning[] = [
  {
    type: "AUTHENTICATION",
    code: null,
    cause: "account_auth",
    why: "the access token (or the client's id and secret) was refused: expired, revoked or wrong",
  },
  {
    type: "PERMISSION",
    code: null,
    cause: "missing_scope",
    why: "the owner did not grant the permission this endpoint needs when connecting",
  },
  {
    type: "CONNECTED_SERVICES_ACCOUNT",
    code: "ACCOUNT_ISSUE",
    cause: "account_auth",
    why: "the owner must sign in to the make's own app and settle something on the account",
  },
  {
    type: "CONNECTED_SERVICES_ACCOUNT",
    code: "AUTHENTICATION_FAILED",
    cause: "account_auth",
    why: "Smartcar could not sign in to the make's account: the owner changed the password or must reconnect",
  },
  {
    type: "CONNECTED_SERVICES_ACCOUNT",
    code: "SUBSCRIPTION",
    cause: "subscription_inactive",
    why: "the vehicle's connected-services subscription with the make is inactive or expired",
  },
  {
    type: "CONNECTED_SERVICES_ACCOUNT",
    code: "NO_VEHICLES",
    cause: "vehicle_not_linked",
    why: "the owner's account with the make lists no vehicles",
  },
  {
    type: "CONNECTED_SERVICES_ACCOUNT",
    code: "VEHICLE_MISSING",
    cause: "vehicle_not_linked",
    why: "the vehicle is no longer on the owner's account with the make (sold, removed, transferred)",
  },
  {
    type: "CONNECTED_SERVICES_ACCOUNT",
    code: "PERMISSION",
    cause: "vehicle_not_linked",
    why: "the owner's account with the make is not allowed to act on this vehicle (not its primary user)",
  },
  {
    type: "CONNECTED_SERVICES_ACCOUNT",
    code: "VIRTUAL_KEY_REQUIRED",
    cause: "vehicle_not_linked",
    why: "the vehicle must be paired with the application's virtual key before it accepts requests",
  },
  {
    type: "RESOURCE_NOT_FOUND",
    code: "VERSION",
    cause: "app_version",
    why: "the client asks for an API version Smartcar no longer serves: the SDK or its version pin is too old",
  },
  {
    type: "RESOURCE_NOT_FOUND",
    code: "PATH",
    cause: "app_version",
    why: "the client calls a path this API version does not have: written for another version",
  },
  {
    type: "VALIDATION",
    code: "PARAMETER",
    cause: "app_version",
    why: "the client sent a parameter the API does not accept: a client bug or a change it missed",
  },
  {
    type: "VEHICLE_STATE",
    code: "ASLEEP",
    cause: "vehicle_connectivity",
    why: "the vehicle is asleep and did not take the request",
  },
  {
    type: "VEHICLE_STATE",
    code: "UNREACHABLE",
    cause: "vehicle_connectivity",
    why: "the vehicle's telematics unit could not be reached (no coverage, modem off)",
  },
  {
    type: "VEHICLE_STATE",
    code: "REMOTE_ACCESS_DISABLED",
    cause: "vehicle_connectivity",
    why: "remote access is switched off in the vehicle itself",
  },
  {
    type: "VEHICLE_STATE",
    code: "VEHICLE_OFFLINE_FOR_SERVICE",
    cause: "vehicle_connectivity",
    why: "the vehicle is offline while it is being serviced",
  },
  {
    type: "RATE_LIMIT",
    code: "VEHICLE",
    cause: "rate_limited",
    why: "too many requests for this vehicle in the window; retry-after says when to try again",
  },
  {
    type: "RATE_LIMIT",
    code: "SMARTCAR_API",
    cause: "rate_limited",
    why: "the application sent more requests than Smartcar allows it",
  },
  {
    type: "BILLING",
    code: "VEHICLE_REQUEST_LIMIT",
    cause: "rate_limited",
    why: "the plan's monthly request quota for this vehicle is used up",
  },
  {
    type: "BILLING",
    code: "VEHICLE_LIMIT",
    cause: "rate_limited",
    why: "the plan's allowance of connected vehicles is used up",
  },
  {
    type: "UPSTREAM",
    code: "RATE_LIMIT",
    cause: "rate_limited",
    why: "the make's own servers throttled the request",
  },
  {
    type: "UPSTREAM",
    code: "NO_RESPONSE",
    cause: "server_outage",
    why: "the make's servers did not answer Smartcar",
  },
  {
    type: "UPSTREAM",
    code: "KNOWN_ISSUE",
    cause: "server_outage",
    why: "the make has a known outage",
  },
  {
    type: "UPSTREAM",
    code: "UNKNOWN_ISSUE",
    cause: "server_outage",
    why: "the make's servers failed in a way Smartcar could not name",
  },
  {
    type: "UPSTREAM",
    code: "INVALID_DATA",
    cause: "server_outage",
    why: "the make's servers answered with data Smartcar could not read",
  },
  {
    type: "SERVER",
    code: "INTERNAL",
    cause: "server_outage",
    why: "Smartcar itself failed (5xx)",
  },
  {
    type: "COMPATIBILITY",
    code: "MAKE_NOT_COMPATIBLE",
    cause: "region_unavailable",
    why: "Smartcar does not support this make in the vehicle's market",
  },
  {
    type: "COMPATIBILITY",
    code: "SMARTCAR_NOT_CAPABLE",
    cause: "region_unavailable",
    why: "Smartcar does not offer this endpoint for this make, model or market",
  },
  {
    type: "COMPATIBILITY",
    code: "VEHICLE_NOT_CAPABLE",
    cause: "region_unavailable",
    why: "this vehicle (its model, trim or market) cannot do what the endpoint asks",
  },
  {
    type: "COMPATIBILITY",
    code: "PLATFORM_NOT_CAPABLE",
    cause: "app_version",
    why: "the connection goes through an older integration of the make that lacks this endpoint; the owner reconnects through the current flow",
  },
];

const codeKey = (type: string, code: string | null) => `${type}:${code ?? "null"}`;
const SMARTCAR_BY_KEY = new Map(
  SMARTCAR_CODES.map((entry) => [codeKey(entry.type, entry.code), entry]),
);

/** The meaning of a Smartcar type and code: the exact pair, else a type that needs no code. */
export function smartcarCodeMeaning(
  type: string,
  code: string | null | undefined,
): SmartcarCodeMeaning | null {
  const exact = SMARTCAR_BY_KEY.get(codeKey(type, code && code !== "null" ? code : null));
  if (exact) return exact;
  const typeOnly = SMARTCAR_BY_KEY.get(codeKey(type, null));
  return typeOnly ?? null;
}

// The SDK's message (`TYPE:CODE - description`), the envelope pasted as JSON, or a log line
// quoting `TYPE: CODE`; the type is one Smartcar documents, so an ordinary "Error: x" is not read.
const SMARTCAR_TYPES = [...new Set(SMARTCAR_CODES.map((entry) => entry.type))];
const SDK_FORM = new RegExp(`\\b(${SMARTCAR_TYPES.join("|")})\\s?:\\s?([A-Z_]+|null|undefined)\\b`);
const JSON_FORM = new RegExp(
  `"type"\\s*:\\s*"(${SMARTCAR_TYPES.join("|")})"[^{}]{0,400}?"code"\\s*:\\s*(?:"([A-Z_]+)"|null)`,
);

/** The Smartcar type and code an error text carries, with what they mean; null when it has none we know. */
export function smartcarCodeIn(
  text: string,
): { type: string; code: string | null; meaning: SmartcarCodeMeaning } | null {
  for (const form of [SDK_FORM, JSON_FORM]) {
    const found = form.exec(text);
    if (!found) continue;
    const code = found[2] && found[2] !== "null" && found[2] !== "undefined" ? found[2] : null;
    const meaning = smartcarCodeMeaning(found[1]!, code);
    if (meaning) return { type: found[1]!, code, meaning };
  }
  return null;
}
