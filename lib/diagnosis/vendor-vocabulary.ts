// Vendors' own error vocabularies as classifier rules. Real reports quote these codes verbatim
// ("APIGW-403", "VEHICLE_STATE: ASLEEP", "Out of call volume quota"), and a generic reading
// gets them wrong (a BMW quota comes as a 403, a Toyota VIN mapping error says "Unauthorized"),
// so each vendor's documented meaning is written down here once, with where it comes from.
// Patterns read the text as the other rules do: lower-case words, snake_case split.
import type { ClassifierRule } from "./classifier-knowledge";
import { SMARTCAR_CODES, type SmartcarCodeMeaning } from "./vendor-codes";

// Smartcar's documented error types and codes (smartcar.com/docs/errors): the type names the
// family, the code the case. Types and codes arrive upper-snake, so they read as words here.
const SMARTCAR: ClassifierRule[] = [
  {
    id: "smartcar-vehicle-state-asleep",
    cause: "vehicle_connectivity",
    pattern: /\bvehicle state\b[^\n]{0,40}?\b(asleep|unreachable|remote access disabled)\b/,
    weight: 4,
    why: "Smartcar VEHICLE_STATE with ASLEEP or UNREACHABLE: the vehicle itself could not be reached.",
  },
  {
    id: "smartcar-connected-services-account",
    cause: "account_auth",
    pattern: /\bconnected services account\b[^\n]{0,40}?\b(account issue|authentication failed)\b/,
    weight: 3.5,
    why: "Smartcar CONNECTED_SERVICES_ACCOUNT / AUTHENTICATION_FAILED or ACCOUNT_ISSUE: the owner's account with the make needs attention.",
  },
  {
    id: "smartcar-connected-services-subscription",
    cause: "subscription_inactive",
    pattern: /\bconnected services account\b[^\n]{0,40}?\bsubscription\b/,
    weight: 4,
    why: "Smartcar CONNECTED_SERVICES_ACCOUNT / SUBSCRIPTION: the vehicle's connected-services subscription is inactive.",
  },
  {
    id: "smartcar-connected-services-vehicle",
    cause: "vehicle_not_linked",
    pattern: /\bconnected services account\b[^\n]{0,40}?\b(no vehicles|vehicle missing)\b/,
    weight: 4,
    why: "Smartcar CONNECTED_SERVICES_ACCOUNT / NO_VEHICLES or VEHICLE_MISSING: the vehicle is not on the owner's account.",
  },
  {
    id: "smartcar-compatibility",
    cause: "region_unavailable",
    pattern:
      /\bcompatibility\b[^\n]{0,40}?\b(make not compatible|smartcar not capable|vehicle not capable)\b/,
    weight: 4,
    why: "Smartcar COMPATIBILITY: the make, model or market does not offer this endpoint (PLATFORM_NOT_CAPABLE is an older integration, read in vendor-codes.ts).",
  },
  {
    id: "smartcar-upstream",
    cause: "server_outage",
    pattern: /\bupstream\b[^\n]{0,30}?\b(known issue|no response|unknown issue|invalid data)\b/,
    weight: 3.5,
    why: "Smartcar UPSTREAM: the make's own servers failed or answered nonsense.",
  },
  {
    id: "smartcar-rate-limit-vehicle",
    cause: "rate_limited",
    pattern: /\b(rate limit|billing)\b[^\n]{0,30}?\b(vehicle request limit|smartcar api|vehicle)\b/,
    weight: 3,
    why: "Smartcar RATE_LIMIT or BILLING / VEHICLE_REQUEST_LIMIT: too many requests for the vehicle or the plan.",
  },
  {
    id: "smartcar-permission",
    cause: "missing_scope",
    pattern: /"type"\s*:\s*"permission"|\bpermission\b[^\n]{0,20}?\bnull\b[^\n]{0,40}?\bpermission/,
    weight: 3,
    why: "Smartcar PERMISSION: the access token lacks the permission the endpoint needs.",
  },
];

// Tesla Fleet API response codes (developer.tesla.com, "Response codes" and "Vehicle
// commands"). The Owner API's retirement in 2023-24 broke many clients with these messages.
const TESLA: ClassifierRule[] = [
  {
    id: "tesla-vehicle-offline",
    cause: "vehicle_connectivity",
    pattern: /\bvehicle (is )?(offline or asleep|unavailable)\b|\bdevice is not available\b/,
    weight: 3.5,
    why: "Tesla 408 'vehicle unavailable': the car is offline or asleep and must be woken first.",
  },
  {
    id: "tesla-command-protocol",
    cause: "app_version",
    pattern:
      /\bvehicle command protocol (is )?required\b|\bonly available on fleet ?api\b|\bendpoint (is )?deprecated\b[^\n]{0,40}?\bfleet\b/,
    weight: 4,
    why: "Tesla answers this when a client still uses the retired Owner API or unsigned commands: the client must move to Fleet API and signed commands.",
  },
  {
    id: "tesla-missing-scopes",
    cause: "missing_scope",
    pattern: /\bunauthorized missing scopes\b|\bmissing scopes?\b/,
    weight: 4,
    why: "Tesla 403 unauthorized_missing_scopes: the token was issued without the scope the endpoint needs.",
  },
  {
    id: "tesla-misdirected-region",
    cause: "region_unavailable",
    pattern: /\bmisdirected request\b|\buser out of region\b|\bincorrect region\b/,
    weight: 3.5,
    why: "Tesla 421: the account lives in another region's Fleet API (EU vs NA vs China); calls must go to that region.",
  },
  {
    id: "tesla-540",
    cause: "vehicle_connectivity",
    httpStatus: [540],
    weight: 3,
    why: "Tesla 540: the vehicle's system answered unexpectedly (rebooting or busy), not the cloud.",
  },
];

// Toyota's API gateway answers "APIGW-<status>" in status.messages[].responseCode; the
// detailedDescription says which case it is.
const TOYOTA: ClassifierRule[] = [
  {
    id: "toyota-apigw-vin-mapping",
    cause: "vehicle_not_linked",
    pattern: /\binvalid guid and vin mapping\b|\bvin mapping\b/,
    weight: 4.5,
    why: "Toyota APIGW-403 'invalid guid and vin mapping': the VIN is not (or no longer) tied to this account, often a sold car still in the garage.",
  },
  {
    id: "toyota-apigw-403-unauthorized",
    cause: "account_auth",
    pattern: /\bapigw-403\b/,
    unless: /\bvin mapping\b/,
    weight: 1,
    why: "Toyota APIGW-403 'Unauthorized' without a VIN mapping detail: the gateway refused the account's token; rate limiting and client changes produce it too.",
  },
];

// BMW's CarData and ConnectedDrive quota answers: a 403 (or CU-429) saying the call volume is
// used up, with the time until it refills. Read as a scope problem by status alone.
const BMW: ClassifierRule[] = [
  {
    id: "bmw-call-volume-quota",
    cause: "rate_limited",
    pattern: /\bcall volume quota\b|\bquota will be replenished\b|\bcu-429\b/,
    weight: 5,
    why: "BMW 'Out of call volume quota. Quota will be replenished in hh:mm:ss' (403) or CU-429: the daily request quota is used up.",
  },
];

// OAuth 2.0 error codes (RFC 6749 §5.2, RFC 6750 §3.1) beyond those classifier-knowledge.ts
// already reads (invalid_grant, invalid_client, invalid_scope, access_denied, consent).
const OAUTH: ClassifierRule[] = [
  {
    id: "oauth-unsupported-grant",
    cause: "app_version",
    pattern: /\bunsupported (grant|response) type\b/,
    weight: 3,
    why: "unsupported_grant_type / unsupported_response_type: the client uses a login flow the vendor no longer offers.",
  },
  {
    id: "oauth-invalid-request",
    cause: "app_version",
    pattern: /\binvalid request\b/,
    weight: 1,
    why: "invalid_request: the client sent a malformed authorisation request, often after the vendor changed its login flow.",
  },
];

// The exact type and code as the official SDK prints them in SmartcarError.message
// (`VEHICLE_STATE:ASLEEP - ...`, a code-less type as `PERMISSION:null`): the vendor naming its
// own error settles the cause, so these weigh as much as a rule may. The table in
// vendor-codes.ts says why for each. A pasted JSON envelope is left to the looser readings
// above: weighing it again moved the cross-validated figures for the worse (by noise in the
// per-fold blend, on reports already read right), where the printed form changes nothing else.
const words = (name: string) => name.toLowerCase().replace(/_/g, " ");

function smartcarCodeRule(entry: SmartcarCodeMeaning): ClassifierRule {
  const code = entry.code ? words(entry.code) : "(?:null|undefined)";
  return {
    id: `smartcar-code-${[entry.type, entry.code ?? "none"].join("-").toLowerCase().replace(/_/g, "-")}`,
    cause: entry.cause,
    pattern: new RegExp(`\\b${words(entry.type)}\\s?:\\s?${code}\\b`),
    weight: 5,
    why: `Smartcar ${entry.type}${entry.code ? `:${entry.code}` : ""}: ${entry.why}.`,
  };
}

const SMARTCAR_CODE_RULES: ClassifierRule[] = SMARTCAR_CODES.map(smartcarCodeRule);
// Where the exact code is there, the looser reading of the same words would count it twice.
const SMARTCAR_EXACT = new RegExp(
  SMARTCAR_CODE_RULES.map((rule) => `(?:${rule.pattern!.source})`).join("|"),
);
const SMARTCAR_LOOSE: ClassifierRule[] = SMARTCAR.map((rule) => ({
  ...rule,
  unless: SMARTCAR_EXACT,
}));

export const VENDOR_VOCABULARY_RULES: readonly ClassifierRule[] = [
  ...SMARTCAR_LOOSE,
  ...SMARTCAR_CODE_RULES,
  ...TESLA,
  ...TOYOTA,
  ...BMW,
  ...OAUTH,
];
