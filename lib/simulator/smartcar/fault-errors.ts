// THE table of what each fault looks like through the Smartcar face: for every cause (and its
// mode), a fault body that reproduces it and the Smartcar error type, code, status and resolution
// a real integrator would see, with a note of why. Seeded states (an expired subscription, a
// sleeping car) use the same rows. Tests and docs iterate over it.
import type { FaultKind } from "../faults";
import type { SmartcarErrorSpec } from "./errors";

export type FaultErrorRow = {
  kind: FaultKind;
  /** Which of the kind's variants this row is (see modeOf). */
  mode: string;
  /** A fault `params` body that reproduces it. */
  params: Record<string, unknown>;
  /** Calls that succeed before the error shows (a rate limit lets the first ones through). */
  warmupCalls: number;
  /** null: the request never reaches Smartcar, so there is no answer at all. */
  error: SmartcarErrorSpec | null;
  /** Whether the answer carries retry-after. */
  retryAfter: boolean;
  why: string;
};

const LATER = "Your car can't be reached from this app right now. Please try again later.";

const row = (
  kind: FaultKind,
  mode: string,
  params: Record<string, unknown>,
  error: SmartcarErrorSpec | null,
  why: string,
  extra: Partial<Pick<FaultErrorRow, "warmupCalls" | "retryAfter">> = {},
): FaultErrorRow => ({
  kind,
  mode,
  params,
  error,
  why,
  warmupCalls: 0,
  retryAfter: false,
  ...extra,
});

export const SMARTCAR_FAULT_ERRORS: readonly FaultErrorRow[] = [
  row(
    "subscription_inactive",
    "any",
    { status: "expired" },
    {
      type: "CONNECTED_SERVICES_ACCOUNT",
      code: "SUBSCRIPTION",
      statusCode: 400,
      resolution: null,
      description:
        "The vehicle's connected-services subscription is not active, so the automaker will not answer for it.",
      suggestedUserMessage:
        "Your car's connected services subscription has lapsed. Renew it with the automaker, then try again.",
    },
    "Smartcar files an inactive or expired automaker subscription under CONNECTED_SERVICES_ACCOUNT:SUBSCRIPTION (400).",
  ),
  row(
    "account_auth",
    "token_expired",
    { mode: "token_expired" },
    {
      type: "AUTHENTICATION",
      code: null,
      statusCode: 401,
      resolution: "REAUTHENTICATE",
      description: "The access token has expired; exchange the refresh token for a new one.",
      suggestedUserMessage: "Please reconnect your car to this app.",
    },
    "An expired or unknown bearer token is Smartcar's AUTHENTICATION type (401), code null.",
  ),
  row(
    "account_auth",
    "token_revoked",
    { mode: "token_revoked" },
    {
      type: "AUTHENTICATION",
      code: null,
      statusCode: 401,
      resolution: "REAUTHENTICATE",
      description: "The access token is no longer valid; the user has to go through Connect again.",
      suggestedUserMessage: "Please reconnect your car to this app.",
    },
    "A revoked token fails the bearer check like any invalid credential: AUTHENTICATION (401).",
  ),
  row(
    "account_auth",
    "password_changed",
    { mode: "password_changed" },
    {
      type: "CONNECTED_SERVICES_ACCOUNT",
      code: "AUTHENTICATION_FAILED",
      statusCode: 400,
      resolution: "REAUTHENTICATE",
      description:
        "The automaker refused the stored login for this user's connected-services account; its credentials probably changed.",
      suggestedUserMessage:
        "We could not sign in to your car's connected services account. Please reconnect your car.",
    },
    "Smartcar documents AUTHENTICATION_FAILED for a user who changed their automaker password and has not re-run Connect.",
  ),
  row(
    "account_auth",
    "verification_pending",
    { mode: "verification_pending" },
    {
      type: "CONNECTED_SERVICES_ACCOUNT",
      code: "ACCOUNT_ISSUE",
      statusCode: 400,
      resolution: null,
      description:
        "The user's connected-services account has an unfinished step (here: its email address is not verified).",
      suggestedUserMessage:
        "Your connected services account needs attention. Sign in to the automaker's app and finish any open steps.",
    },
    "An account not yet fully activated is Smartcar's CONNECTED_SERVICES_ACCOUNT:ACCOUNT_ISSUE (400).",
  ),
  row(
    "missing_scope",
    "any",
    { scope: "read_odometer" },
    {
      type: "PERMISSION",
      code: null,
      statusCode: 403,
      resolution: "REAUTHENTICATE",
      description:
        "This call needs a permission that the vehicle's owner has not granted to the application.",
      suggestedUserMessage: "Please reconnect your car and allow the access this feature needs.",
    },
    "Calling an endpoint whose permission was not granted is Smartcar's PERMISSION type (403), code null.",
  ),
  ...(["unlinked", "vin_mismatch", "ownership_transferred"] as const).map((mode) =>
    row(
      "vehicle_not_linked",
      mode,
      { mode },
      {
        type: "CONNECTED_SERVICES_ACCOUNT",
        code: "VEHICLE_MISSING",
        statusCode: 400,
        resolution: null,
        description:
          "The vehicle is no longer on the user's connected-services account (removed, sold or never added there).",
        suggestedUserMessage:
          "This car is no longer on your connected services account. Add it back in the automaker's app, then reconnect.",
      },
      "A vehicle that left the owner's automaker account is Smartcar's CONNECTED_SERVICES_ACCOUNT:VEHICLE_MISSING (400).",
    ),
  ),
  row(
    "vehicle_not_linked",
    "not_primary",
    { mode: "not_primary" },
    {
      type: "CONNECTED_SERVICES_ACCOUNT",
      code: "PERMISSION",
      statusCode: 400,
      resolution: null,
      description:
        "The user's connected-services account may not do this for the vehicle (they are not its primary driver).",
      suggestedUserMessage:
        "Your connected services account does not have the rights for this. Ask the car's primary owner.",
    },
    "A secondary driver lacking rights in the automaker account is CONNECTED_SERVICES_ACCOUNT:PERMISSION (400), not the application-level PERMISSION.",
  ),
  row(
    "app_version",
    "any",
    { smartcarVersion: "2.0" },
    {
      type: "RESOURCE_NOT_FOUND",
      code: "VERSION",
      statusCode: 404,
      resolution: null,
      description:
        "This API version is retired; move the client to a version that is still served.",
      suggestedUserMessage: "This app needs an update to keep working with your car.",
    },
    "Smartcar answers a request to a version it no longer serves with RESOURCE_NOT_FOUND:VERSION (404).",
  ),
  row(
    "vehicle_connectivity",
    "asleep",
    { mode: "asleep" },
    {
      type: "VEHICLE_STATE",
      code: "ASLEEP",
      statusCode: 409,
      resolution: null,
      description:
        "The vehicle is sleeping to save its battery and was not woken for this request.",
      suggestedUserMessage: "Your car is asleep. Start it or drive it briefly, then try again.",
    },
    "Smartcar's VEHICLE_STATE:ASLEEP (409) is a car in its sleep state.",
  ),
  row(
    "vehicle_connectivity",
    "unreachable",
    { mode: "unreachable" },
    {
      type: "VEHICLE_STATE",
      code: "UNREACHABLE",
      statusCode: 409,
      resolution: null,
      description:
        "The vehicle's telematics unit did not answer: it has no cellular connection right now.",
      suggestedUserMessage:
        "Your car is out of cellular coverage. Move it somewhere with signal and try again.",
    },
    "A car out of coverage (parked underground, modem off) is Smartcar's VEHICLE_STATE:UNREACHABLE (409).",
  ),
  row(
    "vehicle_connectivity",
    "weak_signal",
    { mode: "weak_signal" },
    {
      type: "UPSTREAM",
      code: "NO_RESPONSE",
      statusCode: 502,
      resolution: "RETRY_LATER",
      description:
        "The automaker did not get an answer from the vehicle in time; its cellular signal is weak.",
      suggestedUserMessage: LATER,
    },
    "Smartcar notes that UPSTREAM:NO_RESPONSE (502) also covers a car in weak reception that answers too late.",
  ),
  ...(["reset", "blackhole"] as const).map((mode) =>
    row(
      "phone_network",
      mode,
      { mode },
      null,
      "The caller's own network fails: the request never reaches Smartcar, so there is no answer, no sc-request-id and no log entry; the SDK sees only a failed fetch.",
    ),
  ),
  row(
    "server_outage",
    "unavailable",
    { mode: "unavailable" },
    {
      type: "SERVER",
      code: "INTERNAL",
      statusCode: 500,
      resolution: "RETRY_LATER",
      description: "The platform failed while handling the request.",
      suggestedUserMessage: LATER,
    },
    "An outage of Smartcar itself surfaces as SERVER:INTERNAL (500) with RETRY_LATER.",
  ),
  row(
    "server_outage",
    "timeout",
    { mode: "timeout", holdMs: 50 },
    {
      type: "UPSTREAM",
      code: "NO_RESPONSE",
      statusCode: 502,
      resolution: "RETRY_LATER",
      description: "The automaker's servers did not answer in time.",
      suggestedUserMessage: LATER,
    },
    "When the automaker's backend hangs, Smartcar waits and then answers UPSTREAM:NO_RESPONSE (502).",
  ),
  row(
    "server_outage",
    "maintenance",
    { mode: "maintenance" },
    {
      type: "UPSTREAM",
      code: "KNOWN_ISSUE",
      statusCode: 502,
      resolution: "RETRY_LATER",
      description: "The automaker's servers are down for work that is already known.",
      suggestedUserMessage: LATER,
    },
    "An automaker outage Smartcar already tracks is UPSTREAM:KNOWN_ISSUE (502).",
  ),
  row(
    "rate_limited",
    "vehicle",
    { limit: 1, windowS: 60, per: "vehicle" },
    {
      type: "RATE_LIMIT",
      code: "VEHICLE",
      statusCode: 429,
      resolution: "RETRY_LATER",
      description:
        "Too many requests to this vehicle; wait for the seconds in the retry-after header.",
      suggestedUserMessage: LATER,
    },
    "Smartcar throttles each vehicle to protect its 12 V battery: RATE_LIMIT:VEHICLE (429) with retry-after.",
    { warmupCalls: 1, retryAfter: true },
  ),
  row(
    "rate_limited",
    "application",
    { limit: 1, windowS: 60, per: "application" },
    {
      type: "RATE_LIMIT",
      code: "SMARTCAR_API",
      statusCode: 429,
      resolution: "RETRY_LATER",
      description:
        "The application is over its request quota; wait for the seconds in retry-after.",
      suggestedUserMessage: LATER,
    },
    "An application over its overall quota gets RATE_LIMIT:SMARTCAR_API (429), Smartcar's documented code for it.",
    { warmupCalls: 1, retryAfter: true },
  ),
  row(
    "region_unavailable",
    "market",
    {},
    {
      type: "COMPATIBILITY",
      code: "MAKE_NOT_COMPATIBLE",
      statusCode: 501,
      resolution: null,
      description: "Smartcar does not serve this make in the vehicle's country.",
      suggestedUserMessage: "Your car is not supported in your region yet.",
    },
    "A make not offered in a market is COMPATIBILITY:MAKE_NOT_COMPATIBLE (501).",
  ),
  row(
    "region_unavailable",
    "feature",
    { feature: "vehicle_status" },
    {
      type: "COMPATIBILITY",
      code: "SMARTCAR_NOT_CAPABLE",
      statusCode: 501,
      resolution: null,
      description: "This feature is not offered for this make in the vehicle's market.",
      suggestedUserMessage: "This feature is not available for your car in your region.",
    },
    "One feature missing for a make and market is COMPATIBILITY:SMARTCAR_NOT_CAPABLE (501).",
  ),
];

/** The variant of a fault that picks its row. */
export function modeOf(kind: FaultKind, params: Record<string, unknown>): string {
  switch (kind) {
    case "account_auth":
    case "vehicle_not_linked":
    case "vehicle_connectivity":
    case "phone_network":
    case "server_outage":
      return String(params.mode);
    case "rate_limited":
      return String(params.per ?? "vehicle");
    case "region_unavailable":
      return params.feature ? "feature" : "market";
    default:
      return "any";
  }
}

export function faultErrorRow(kind: FaultKind, mode: string): FaultErrorRow | undefined {
  return SMARTCAR_FAULT_ERRORS.find(
    (candidate) => candidate.kind === kind && candidate.mode === mode,
  );
}
