// What to do about each cause, cheapest and safest first. Each plan starts with read-only
// validation, names the decision point, and only then changes something.
import type { CauseId } from "./taxonomy";

export type RemediationStep = { kind: "validate" | "decide" | "fix" | "verify"; text: string };

export const REMEDIATION: Record<CauseId, RemediationStep[]> = {
  subscription_inactive: [
    {
      kind: "validate",
      text: "Read the vehicle's Connected Services subscription in the vendor console: status, plan and end date.",
    },
    {
      kind: "decide",
      text: "Trial ended or payment failed? It is the owner's action (renew or update billing), not an integration fault.",
    },
    {
      kind: "fix",
      text: "Tell support to ask the owner to renew; do not retry the command until the status is active.",
    },
    {
      kind: "verify",
      text: "Re-run the checks: the subscription check passes and the replay answers 2xx.",
    },
  ],
  account_auth: [
    {
      kind: "validate",
      text: "Decode the failing token (never paste it into third-party sites): exp, iss, aud, kid against the vendor's JWKS.",
    },
    {
      kind: "validate",
      text: "Look in the vendor console for a password change, session revocation or pending verification on the account.",
    },
    {
      kind: "decide",
      text: "Expired token: the refresh path is broken. Revoked or password changed: the user must sign in again.",
    },
    {
      kind: "fix",
      text: "Fix the refresh flow (refresh before exp, store the rotated refresh token), or prompt the user to sign in again.",
    },
    { kind: "verify", text: "A fresh token verifies against the JWKS and the replay succeeds." },
  ],
  missing_scope: [
    {
      kind: "validate",
      text: "Compare the token's scope claim with the scopes the endpoint requires (the vendor's OpenAPI or the 403's WWW-Authenticate).",
    },
    {
      kind: "decide",
      text: "Was the scope removed on the vendor side (audit log) or never requested by the app (client config)?",
    },
    {
      kind: "fix",
      text: "Request only the missing scope (least privilege) in the authorization request and have the user consent again.",
    },
    { kind: "verify", text: "The new token's scope claim includes it and the replay answers 2xx." },
  ],
  vehicle_not_linked: [
    {
      kind: "validate",
      text: "Check in the vendor console which accounts the VIN is linked to and with which role; compare the VIN character by character.",
    },
    {
      kind: "decide",
      text: "Ownership transfer or unlink: the new owner pairs the vehicle. Secondary driver: the primary grants access or acts.",
    },
    {
      kind: "fix",
      text: "Have the right account re-run pairing (the vehicle must confirm); never relink on the owner's behalf without consent.",
    },
    {
      kind: "verify",
      text: "The vehicle appears in GET /v1/vehicles for the account and the replay succeeds.",
    },
  ],
  app_version: [
    {
      kind: "validate",
      text: "Compare the app/SDK version and the x-api-version pin with the vendor's minimum, supported and sunset versions.",
    },
    {
      kind: "decide",
      text: "Client too old (426) or API version retired (410)? Which release last worked (the green dependency pin)?",
    },
    {
      kind: "fix",
      text: "Move the pin to a supported version in one small release; ask users to update when the app itself is below the minimum.",
    },
    {
      kind: "verify",
      text: "Replay with the new pin in sandbox, then prod; no Deprecation header on the answer.",
    },
  ],
  vehicle_connectivity: [
    {
      kind: "validate",
      text: "Read the vehicle's last-seen time, reachability and signal in the vendor console.",
    },
    {
      kind: "decide",
      text: "Asleep (wakes on its own), weak signal (move the car) or unreachable for hours (telematics unit or modem)?",
    },
    {
      kind: "fix",
      text: "Ask the owner to start the vehicle or move it to coverage; escalate a unit silent for days to the vendor as a hardware case.",
    },
    { kind: "verify", text: "Last-seen is recent and a lock command completes." },
  ],
  phone_network: [
    {
      kind: "validate",
      text: "Search the vendor's request log for the correlation id: no entry means the call never arrived.",
    },
    {
      kind: "decide",
      text: "Does the replay from our network succeed? Then the caller's network (DNS, VPN, proxy, TLS) is at fault.",
    },
    {
      kind: "fix",
      text: "Have the user retry on another network or without VPN; for a server caller, check egress, DNS and proxy settings.",
    },
    { kind: "verify", text: "A new attempt shows up in the vendor's request log with a 2xx." },
  ],
  server_outage: [
    {
      kind: "validate",
      text: "Check the vendor status page and status history for an incident or maintenance window at the incident's time.",
    },
    {
      kind: "decide",
      text: "Vendor-wide or one endpoint? Did sandbox and prod differ in the replay?",
    },
    {
      kind: "fix",
      text: "Stop retrying hot: back off with full jitter honouring Retry-After, open a vendor case with the correlation ids.",
    },
    { kind: "verify", text: "The status page is operational again and the replay succeeds." },
  ],
  rate_limited: [
    {
      kind: "validate",
      text: "Read X-RateLimit-* and Retry-After on the failing answers and the quota use in the vendor console.",
    },
    {
      kind: "decide",
      text: "Burst from our side (retry storm, a new job) or a lowered limit on the vendor's side?",
    },
    {
      kind: "fix",
      text: "Honour Retry-After, add full-jitter backoff, spread scheduled jobs; run a soak test to find the real safe rate.",
    },
    {
      kind: "verify",
      text: "No 429s at the planned rate in a soak run; remaining headroom stays above zero.",
    },
  ],
  region_unavailable: [
    {
      kind: "validate",
      text: "Look up the vehicle's market and the features the vendor offers there.",
    },
    {
      kind: "decide",
      text: "Not offered in that market or model: this is expected behaviour, not a fault.",
    },
    {
      kind: "fix",
      text: "Hide or disable the feature in the app for that market, with a clear message to the owner.",
    },
    { kind: "verify", text: "The app no longer sends the command for vehicles in that market." },
  ],
};
