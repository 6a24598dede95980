// What the text classifier knows, written as data so an on-caller can read why a cause was
// suggested and add a rule after an incident without touching the scoring code.
//
// How a rule reads:
// - `pattern` is matched case-insensitively against the error string followed by the
//   context's notes, after snake_case and CamelCase are split into words: TOKEN_EXPIRED,
//   token_expired and TokenExpiredError all read "token expired", NSURLErrorDomain reads
//   "NSURL Error Domain" (iOS and OAuth stay whole). Write patterns in lower-case words.
// - `httpStatus` holds when the context's status (or, without one, the first status named in
//   the error string: "HTTP 429", "status: 503", "(401)", "403 Forbidden") is in the list.
// - `whenContextHas` holds when at least one of those context fields is filled in.
// - `unless` vetoes the rule when it matches the same text.
// A rule fires when every condition it states holds; it fires at most once per input.
// `weight` is log-odds evidence for its cause: about 1 is a hint, 2 to 3 is a clear sign,
// 4 is near-proof. Negative weights count against the cause. Ambiguous phrases give small
// weights to each cause they may mean and leave the decision to more specific rules.
import type { CauseId } from "./taxonomy";
import { VENDOR_VOCABULARY_RULES } from "./vendor-vocabulary";

export type ContextField = "sdkVersion" | "apiVersion" | "appVersion" | "region";

export type ClassifierRule = {
  id: string;
  cause: CauseId;
  weight: number;
  why: string;
  pattern?: RegExp;
  httpStatus?: readonly number[];
  whenContextHas?: readonly ContextField[];
  unless?: RegExp;
};

/**
 * Log-odds before any evidence. Kept small on purpose: they only order causes when the text
 * says nothing, roughly by how often each is the answer in an owner-facing app (login and
 * vehicle reachability problems are the everyday ones; region gaps are rare).
 */
export const CAUSE_PRIOR: Record<CauseId, number> = {
  subscription_inactive: 0.1,
  account_auth: 0.2,
  missing_scope: 0.05,
  vehicle_not_linked: 0.1,
  app_version: 0.1,
  vehicle_connectivity: 0.15,
  phone_network: 0.1,
  server_outage: 0.05,
  rate_limited: 0,
  region_unavailable: 0,
};

// Statuses the vendor itself answers with: a reply proves the request crossed the caller's
// network. 407 (a proxy's), 408 and 499 (the client was too slow or gave up) are left out.
const VENDOR_ANSWERED = [400, 401, 402, 403, 404, 405, 409, 410, 412, 415, 422, 426, 429, 451];

const HTTP_STATUS_RULES: ClassifierRule[] = [
  {
    id: "status-400",
    cause: "app_version",
    httpStatus: [400],
    weight: 0.5,
    why: "400 means the vendor could not accept the request as sent; most often a client build or version pin sending what the API no longer takes.",
  },
  {
    id: "status-401",
    cause: "account_auth",
    httpStatus: [401],
    weight: 2.5,
    why: "401 means the request carried no valid credentials: missing, expired or revoked token, or a failed login.",
  },
  {
    id: "status-402",
    cause: "subscription_inactive",
    httpStatus: [402],
    weight: 2,
    why: "402 Payment Required: the service wants a paid or renewed plan before it answers.",
  },
  {
    id: "status-403-scope",
    cause: "missing_scope",
    httpStatus: [403],
    weight: 1,
    why: "403 means the caller is known but not allowed; the most common reason is a token without the scope the endpoint needs.",
  },
  {
    id: "status-403-account",
    cause: "account_auth",
    httpStatus: [403],
    weight: 0.4,
    why: "Some vendors answer 403 rather than 401 for revoked credentials or an unverified account.",
  },
  {
    id: "status-403-subscription",
    cause: "subscription_inactive",
    httpStatus: [403],
    weight: 0.5,
    why: "Connected-services APIs often refuse commands with 403 when the subscription is not active.",
  },
  {
    id: "status-403-vehicle-link",
    cause: "vehicle_not_linked",
    httpStatus: [403],
    weight: 0.5,
    why: "A 403 on a vehicle endpoint can mean the vehicle is not linked to this account or the user is not its primary driver.",
  },
  {
    id: "status-403-region",
    cause: "region_unavailable",
    httpStatus: [403],
    weight: 0.3,
    why: "Features withheld in a market are sometimes refused with a plain 403.",
  },
  {
    id: "status-404-vehicle",
    cause: "vehicle_not_linked",
    httpStatus: [404],
    weight: 0.8,
    why: "On a vehicle API, 404 is most often a VIN the account (or the vendor) does not know.",
  },
  {
    id: "status-404-endpoint",
    cause: "app_version",
    httpStatus: [404],
    weight: 0.4,
    why: "A 404 can also be an endpoint path that a newer or older API version does not have.",
  },
  {
    id: "status-405",
    cause: "app_version",
    httpStatus: [405],
    weight: 1.2,
    why: "405 Method Not Allowed: the client calls an endpoint the way an older or newer API defined it.",
  },
  {
    id: "status-407",
    cause: "phone_network",
    httpStatus: [407],
    weight: 3.5,
    why: "407 comes from a proxy between the caller and the vendor asking for its own credentials.",
  },
  {
    id: "status-408",
    cause: "phone_network",
    httpStatus: [408],
    weight: 1.5,
    why: "408: the server gave up waiting for the request to arrive, a sign of a slow or stalled client connection.",
  },
  {
    id: "status-409",
    cause: "vehicle_not_linked",
    httpStatus: [409],
    weight: 1,
    why: "409 in a pairing flow usually means the vehicle is already linked to another account.",
  },
  {
    id: "status-410",
    cause: "app_version",
    httpStatus: [410],
    weight: 2.5,
    why: "410 Gone is how APIs answer calls to a version or endpoint that has been retired.",
  },
  {
    id: "status-426",
    cause: "app_version",
    httpStatus: [426],
    weight: 3.5,
    why: "426 Upgrade Required: the server refuses this client version until it is updated.",
  },
  {
    id: "status-429",
    cause: "rate_limited",
    httpStatus: [429],
    weight: 4,
    why: "429 Too Many Requests is the standard answer when a rate limit or quota is exhausted.",
  },
  {
    id: "status-451",
    cause: "region_unavailable",
    httpStatus: [451],
    weight: 3.5,
    why: "451 Unavailable For Legal Reasons: the service is withheld for this jurisdiction.",
  },
  {
    id: "status-499",
    cause: "phone_network",
    httpStatus: [499],
    weight: 1,
    why: "499 is logged when the client closed the connection before the answer came: it gave up first.",
  },
  {
    id: "status-500",
    cause: "server_outage",
    httpStatus: [500],
    weight: 2,
    why: "500 is an unhandled failure inside the vendor's service.",
  },
  {
    id: "status-501",
    cause: "app_version",
    httpStatus: [501],
    weight: 1,
    why: "501 Not Implemented: the client asks for something this server version does not offer.",
  },
  {
    id: "status-502",
    cause: "server_outage",
    httpStatus: [502],
    weight: 2.5,
    why: "502 Bad Gateway: the vendor's edge got no valid answer from the service behind it.",
  },
  {
    id: "status-503",
    cause: "server_outage",
    httpStatus: [503],
    weight: 3,
    why: "503 Service Unavailable: the vendor is down, overloaded or in maintenance.",
  },
  {
    id: "status-504-server",
    cause: "server_outage",
    httpStatus: [504],
    weight: 2,
    why: "504 Gateway Timeout: a component inside the vendor did not answer its gateway in time.",
  },
  {
    id: "status-504-vehicle",
    cause: "vehicle_connectivity",
    httpStatus: [504],
    weight: 0.6,
    why: "A synchronous remote command that waits on a sleeping or unreachable vehicle also ends as a 504.",
  },
  {
    id: "status-511",
    cause: "phone_network",
    httpStatus: [511],
    weight: 3.5,
    why: "511 Network Authentication Required comes from a captive portal (hotel or airport Wi-Fi), not the vendor.",
  },
  {
    id: "status-other-5xx",
    cause: "server_outage",
    httpStatus: [505, 506, 507, 508, 509, 520, 521, 522, 523, 524, 525, 526, 527, 529, 530],
    weight: 1.5,
    why: "Other 5xx answers (including a CDN's 52x origin errors) point at the vendor's side.",
  },
  {
    id: "status-202-command-accepted",
    cause: "vehicle_connectivity",
    httpStatus: [202],
    weight: 1,
    why: "202 means the vendor queued the command; a failure after that happened between the vendor and the vehicle.",
  },
  {
    id: "status-vendor-answered",
    cause: "phone_network",
    httpStatus: VENDOR_ANSWERED,
    weight: -1,
    why: "The vendor answered with a 4xx, so the caller's network carried the request there and back.",
  },
];

const SUBSCRIPTION_RULES: ClassifierRule[] = [
  {
    id: "subscription-not-active",
    cause: "subscription_inactive",
    pattern:
      /\bsubscription[^.;\n]{0,40}?\b(expired|inactive|lapsed|ended|cancell?ed|suspended|terminated|not (active|activated|valid|found)|deactivated|required|is over|has ended)\b/,
    weight: 3.5,
    why: "The message says outright that the subscription is expired, inactive, cancelled or missing.",
  },
  {
    id: "subscription-expiring",
    cause: "subscription_inactive",
    pattern: /\bsubscription\b[^.;\n]{0,30}?\b(will expire|expires|expiring|ends (on|in))\b/,
    weight: 1.5,
    why: "A subscription about to end: by the time the incident is looked at, it may have.",
  },
  {
    id: "subscription-adjective-first",
    cause: "subscription_inactive",
    pattern:
      /\b(expired|inactive|lapsed|cancell?ed|suspended|unpaid) (connected services |remote (connect|services) |service |data )?(subscription|plan|membership|package)\b/,
    weight: 3.5,
    why: "An expired or inactive plan named as such.",
  },
  {
    id: "subscription-none-active",
    cause: "subscription_inactive",
    pattern:
      /\bno (active|valid|current|paid) (subscription|plan|service plan|membership)|\b(does not|doesn'?t) have an? (active|valid|current|paid) ([\w-]+ )?(plan|subscription)\b|\bnot subscribed\b|\brequires? (an? )?(active|paid|valid)\b[^.;\n]{0,20}?\b(subscription|plan)\b|\bsubscribe to\b/,
    weight: 3,
    why: "No active plan covers this feature, or the feature is sold separately.",
  },
  {
    id: "subscription-trial-ended",
    cause: "subscription_inactive",
    pattern:
      /\btrial\b[^.;\n]{0,30}?\b(ended|expired|is over|has ended|period (is )?over)|\b(expired|ended) trial\b/,
    weight: 3,
    why: "Most vehicles ship with a trial of connected services; remote features stop when it ends.",
  },
  {
    id: "subscription-payment",
    cause: "subscription_inactive",
    pattern:
      /\bpayment (failed|declined|required|overdue|past due|method (expired|declined|invalid))|\bupdate (your )?(payment|billing)( method| details| information| info)?\b|\bbilling (issue|problem|failed|failure|error)|\bcard (was )?declined|\bpast[- ]due\b|\bunpaid\b|\boutstanding balance\b/,
    weight: 2.5,
    why: "A failed or overdue payment suspends the plan, often without an obvious notice to the owner.",
  },
  {
    id: "subscription-renew",
    cause: "subscription_inactive",
    pattern: /\brenew(al)?\b|\breactivate (your )?(service|subscription|plan)\b/,
    unless: /\b(token|session|certificate|cert)\b/,
    weight: 1.5,
    why: "Being asked to renew or reactivate points at the plan, unless it is a token or certificate being renewed.",
  },
  {
    id: "subscription-services-off",
    cause: "subscription_inactive",
    pattern:
      /\b(connected services?|remote (connect|services?)|service connect|drive connect|safety connect|wi-?fi hotspot|connected plan)\b[^.;\n]{0,40}?\b(not (active|activated|enabled)|inactive|deactivated|expired|disabled|turned off)\b/,
    weight: 2.5,
    why: "The connected-services package itself is reported inactive or switched off for the vehicle.",
  },
  {
    id: "subscription-feature-not-in-plan",
    cause: "subscription_inactive",
    pattern:
      /\bnot (included|part of|covered by) (in )?(your|the|this) (current )?(plan|package|subscription|tier)\b|\bupgrade (your )?(plan|package|subscription)\b/,
    weight: 2.5,
    why: "The feature exists but the owner's package does not include it.",
  },
];

const ACCOUNT_AUTH_RULES: ClassifierRule[] = [
  {
    id: "oauth-invalid-grant",
    cause: "account_auth",
    pattern: /\binvalid grant\b/,
    weight: 3.5,
    why: "OAuth invalid_grant (RFC 6749): the refresh token or authorization code is expired, revoked or already used, or the password was wrong.",
  },
  {
    id: "oauth-invalid-token",
    cause: "account_auth",
    pattern: /\binvalid token\b|\binvalid (access|bearer|id|auth|refresh) token\b/,
    weight: 3.5,
    why: "invalid_token (RFC 6750): the access token is expired, revoked, malformed or issued for something else.",
  },
  {
    id: "oauth-invalid-client",
    cause: "account_auth",
    pattern:
      /\b(invalid|unauthori[sz]ed|unknown|unrecogni[sz]ed) client\b|\bclient authentication failed\b|\binvalid client (id|secret|credentials)\b/,
    weight: 3,
    why: "invalid_client / unauthorized_client: the app's own client id or secret is wrong or not allowed this grant.",
  },
  {
    id: "token-expired-or-revoked",
    cause: "account_auth",
    pattern:
      /\b(access |refresh |id |auth(entication)? |bearer |session |oauth )?tokens?\b[^.;\n]{0,30}?\b(expired|has expired|is expired|revoked|invalid|not valid|rejected|malformed|no longer valid)\b|\b(expired|revoked|stale) (access |refresh |id |auth |bearer |oauth )?tokens?\b/,
    unless: /\b(pairing|activation|verification|reset) tokens?\b/,
    weight: 3,
    why: "A token the vendor will no longer accept: the refresh path failed or the session was revoked.",
  },
  {
    id: "jwt-rejected",
    cause: "account_auth",
    pattern:
      /\bjwt (expired|malformed|not active|must be provided|signature|audience invalid|issuer invalid|id invalid)|\bjws?\b[^.;\n]{0,30}?\b(expired|invalid|failed|malformed)\b|\bjson web token error\b/,
    weight: 3,
    why: "JWT libraries (jsonwebtoken, jose, PyJWT, nimbus) reject an expired, malformed or not-yet-valid token in these words.",
  },
  {
    id: "jwt-signature",
    cause: "account_auth",
    pattern:
      /\bsignature verification (failed|error)|\binvalid (token )?signature\b|\bsignature (is )?invalid\b|\bsignature does not match\b|\bbad signature\b/,
    unless: /\b(webhook|hmac|leaf|certificate|cert)\b/,
    weight: 2.5,
    why: "The token's signature does not verify against the issuer's keys: a token from another environment or after key rotation.",
  },
  {
    id: "jwt-unknown-key",
    cause: "account_auth",
    pattern:
      /\b(kid|key id)\b[^.;\n]{0,30}?\b(not found|unknown|no match|missing|mismatch)|\bno matching key\b|\bunable to find (a )?(signing )?key\b|\bjwks\b[^.;\n]{0,30}?\b(no|not found|failed|missing|mismatch)/,
    weight: 2.5,
    why: "The token names a signing key (kid) the verifier's JWKS does not hold: keys rotated or the token came from another issuer.",
  },
  {
    id: "jwt-time-claims",
    cause: "account_auth",
    pattern:
      /\b(nbf|iat|exp|not before)\b[^.;\n]{0,30}?\b(claim|check failed|in the future|invalid|failed)|\btoken (is )?not (yet )?(active|valid yet)\b|\bnot before error\b|\bclock skew\b|\bused before issued\b/,
    weight: 2.5,
    why: "Time claims (exp, nbf, iat) failed: an expired token, or a device clock far enough off that a fresh token looks invalid.",
  },
  {
    id: "jwt-audience-issuer",
    cause: "account_auth",
    pattern:
      /\b(aud|audience|iss|issuer)\b[^.;\n]{0,20}?\b(claim|mismatch|invalid|check failed|not allowed)|\binvalid (audience|issuer)\b|\btoken (was )?issued (to|for) (another|a different) (client|audience|app)/,
    weight: 2.5,
    why: "The token was issued for another API, tenant or client than the one it is sent to.",
  },
  {
    id: "login-failed",
    cause: "account_auth",
    pattern:
      /\b(login|log-?in|sign[- ]?in|authentication|authenticate)\b[^.;\n]{0,15}?\b(failed|failure|error|unsuccessful|denied|rejected)\b|\bfailed to (log|sign) ?in\b|\b(could ?n[o']t|unable to|cannot|can'?t) (log|sign) ?in\b/,
    weight: 2.5,
    why: "The sign-in itself failed.",
  },
  {
    id: "authorization-failed",
    cause: "account_auth",
    pattern: /\bauthori[sz]ation (failed|failure|error|denied)\b/,
    weight: 1,
    why: '"Authorization failed" is what connected-car apps show for many causes; it leans to the login only slightly.',
  },
  {
    id: "unauthorized-word",
    cause: "account_auth",
    pattern:
      /\bunauthori[sz]ed\b|\bunauthenticated\b|\bnot authenticated\b|\bauthentication required\b/,
    unless:
      /\bunauthori[sz]ed client\b|\bnot authori[sz]ed (to (access|control|use) )?(for |to )?(this|the) (vehicle|car|vin)\b/,
    weight: 1.5,
    why: "Unauthorized / unauthenticated is the wording of a 401: the credentials were not accepted.",
  },
  {
    id: "credentials-wrong",
    cause: "account_auth",
    pattern:
      /\b(invalid|incorrect|wrong|bad) (username|user name|e-?mail|password|credentials|login|pin)\b|\b(username|e-?mail) (and|or) password (is |are )?(incorrect|invalid|wrong)|\bbad credentials\b/,
    weight: 3,
    why: "The user name, password or PIN was refused.",
  },
  {
    id: "account-unknown",
    cause: "account_auth",
    pattern:
      /\b(account|user)( name)? (was )?not found\b|\bno such (account|user)\b|\b(account|user) does not exist\b|\bunknown (user|account)\b/,
    weight: 2.5,
    why: "The sign-in names an account the vendor does not have: a typo, another region's account, or a deleted one.",
  },
  {
    id: "credential-expired-or-revoked",
    cause: "account_auth",
    pattern:
      /\b(api ?key|client secret|credentials?|personal access token|access key)\b[^.;\n]{0,20}?\b(expired|revoked|disabled|rotated|deactivated)\b/,
    weight: 3,
    why: "A key or secret the integration signs in with was expired, revoked or rotated without updating the caller.",
  },
  {
    id: "password-changed",
    cause: "account_auth",
    pattern:
      /\bpassword (was |has been )?(changed|reset|expired)\b|\b(must|need to) (change|reset) (your )?password\b/,
    weight: 2.5,
    why: "A password change or reset ends existing sessions on every device.",
  },
  {
    id: "session-ended",
    cause: "account_auth",
    pattern:
      /\bsession\b[^.;\n]{0,20}?\b(expired|timed out|invalid|ended|revoked|terminated|not found)\b|\b(signed|logged) out\b|\b(sign|log) in again\b|\bre-?authenticat|\bre-?login required\b|\blogin required\b|\binteraction required\b/,
    weight: 2.5,
    why: "The session is gone and the user has to sign in again (OIDC login_required / interaction_required say the same).",
  },
  {
    id: "refresh-token-failed",
    cause: "account_auth",
    pattern:
      /\brefresh ?tokens?\b[^.;\n]{0,30}?\b(expired|invalid|revoked|not found|reused|missing|rotated)\b|\b(failed|unable) to refresh (the )?(access )?token\b|\btoken refresh (failed|error)\b/,
    weight: 3,
    why: "The refresh flow broke, so the client keeps sending an expired access token.",
  },
  {
    id: "account-verification-pending",
    cause: "account_auth",
    pattern:
      /\b(e-?mail|account|identity|phone( number)?)( address)? (is |has )?(not (yet )?(been )?verified|unverified|unconfirmed|verification (is )?(pending|required|incomplete))|\bverify your (e-?mail|account|identity|phone)|\b(account|user) (is )?not (yet )?(activated|confirmed|verified)\b|\bpending (verification|activation)\b/,
    weight: 3,
    why: "The account exists but its verification step was never finished; vendors refuse remote access until it is.",
  },
  {
    id: "account-locked",
    cause: "account_auth",
    pattern:
      /\baccount (is |has been )?(locked|disabled|deactivated|blocked)\b|\btoo many (failed |unsuccessful |invalid )?(login|log-?in|sign[- ]?in|password) attempts\b/,
    weight: 3.5,
    why: "The account is locked, often after repeated failed sign-ins.",
  },
  {
    id: "second-factor-failed",
    cause: "account_auth",
    pattern:
      /\b(mfa|2fa|two[- ]factor|multi[- ]factor|one[- ]time (code|password|passcode)|otp|verification code)\b[^.;\n]{0,30}?\b(failed|invalid|expired|required|incorrect|wrong)\b/,
    weight: 2.5,
    why: "The second sign-in factor failed or is still required.",
  },
  {
    id: "oauth-flow-malformed",
    cause: "account_auth",
    pattern:
      /\binvalid request\b[^.;\n]{0,40}?\b(parameter|redirect|code|grant|client|pkce)|\bpkce\b|\bcode (verifier|challenge)\b|\bredirect uri (mismatch|is not registered|not allowed)\b|\bunsupported grant type\b/,
    weight: 2,
    why: "The sign-in flow itself is malformed (PKCE, redirect URI, grant type): the login cannot complete until the client sends it right.",
  },
  {
    id: "credentials-missing",
    cause: "account_auth",
    pattern:
      /\b(missing|no) (bearer |access |auth(orization)? )?(token|credentials|authorization header)\b|\bauthorization header (is )?(missing|required)\b|\b(missing|invalid) api ?key\b/,
    weight: 2,
    why: "The request went out without the token or key the vendor needs to know who is calling.",
  },
];

const MISSING_SCOPE_RULES: ClassifierRule[] = [
  {
    id: "oauth-insufficient-scope",
    cause: "missing_scope",
    pattern:
      /\binsufficient (scopes?|permissions?|privileges?|access( rights)?)\b|\binsufficient access or readonly\b/,
    weight: 4,
    why: "insufficient_scope (RFC 6750) and its kin: the token is valid but lacks what this endpoint requires.",
  },
  {
    id: "scope-missing",
    cause: "missing_scope",
    pattern:
      /\b(missing|required|lacks?( the)?|without( the)?|needs?( the)?|not granted)\b[^.;\n]{0,25}?\bscopes?\b|\bscopes?\b[^.;\n]{0,30}?\b(missing|required|not granted|not present|not included|insufficient|denied|not allowed)\b/,
    weight: 3,
    why: "A scope is named as missing or required.",
  },
  {
    id: "oauth-invalid-scope",
    cause: "missing_scope",
    pattern: /\binvalid scopes?\b|\bscope (is )?(invalid|unknown|not recogni[sz]ed)\b/,
    weight: 3,
    why: "invalid_scope (RFC 6749): the app asked for a scope the vendor does not grant this client, so it never gets it.",
  },
  {
    id: "status-403-names-scope",
    cause: "missing_scope",
    httpStatus: [403],
    pattern: /\bscopes?\b|\bscp\b|\bpermissions?\b|\bprivileges?\b/,
    weight: 1.5,
    why: "A 403 that talks about scopes or permissions is the classic missing-scope refusal.",
  },
  {
    id: "permission-denied",
    cause: "missing_scope",
    pattern:
      /\bpermissions? (denied|missing|required|not granted)\b|\b(does not|doesn'?t) have (the )?(required |necessary )?permissions?\b|\b(missing|lacks?|no) permissions?\b|\bnot permitted\b|\boperation not allowed\b|\b(role|entitlement)\b[^.;\n]{0,20}?\b(required|missing|insufficient)\b/,
    unless: /\binternet permission\b|\beperm\b|\beacces\b/,
    weight: 2,
    why: "Permission or role wording: the caller is known but its grant does not cover the action.",
  },
  {
    id: "access-denied",
    cause: "missing_scope",
    pattern: /\baccess (is )?denied\b/,
    weight: 1.5,
    why: "access_denied / AccessDenied: the grant or policy does not allow it; the owner may also have declined consent.",
  },
  {
    id: "access-denied-account",
    cause: "account_auth",
    pattern: /\baccess (is )?denied\b/,
    weight: 0.7,
    why: "Some vendors say access denied for a revoked or unverified account as well.",
  },
  {
    id: "forbidden-word",
    cause: "missing_scope",
    pattern: /\bforbidden\b/,
    weight: 0.8,
    why: "Forbidden is 403's wording; alone it leans to a permission gap, other words in the message decide.",
  },
  {
    id: "consent-missing",
    cause: "missing_scope",
    pattern:
      /\bconsent (is )?required\b|\b(has|have) not (yet )?(consented|granted consent|approved)\b|\bnot consented\b|\bconsent (was )?(declined|denied|revoked|withdrawn)\b/,
    weight: 2.5,
    why: "The owner has not approved (or withdrew approval for) what the app asks to do, so the grant lacks it.",
  },
  {
    id: "scope-claim",
    cause: "missing_scope",
    pattern: /\b(scp|scope) claim\b/,
    weight: 1.5,
    why: "The token's scope claim is being examined, which is where a missing scope shows.",
  },
  {
    id: "read-only-credential",
    cause: "missing_scope",
    pattern:
      /\bread[- ]?only (token|key|access|api ?key|client|grant)\b|\b(token|key|grant) (is )?read[- ]?only\b/,
    weight: 2.5,
    why: "A read-only grant used for a write or command.",
  },
  {
    id: "client-not-allowed",
    cause: "missing_scope",
    pattern:
      /\b(client|app|application|token|api ?key) (is )?not (allowed|authori[sz]ed|permitted|enabled) (to|for) (call |use |access )?(this )?(api|endpoint|resource|operation|command|product)/,
    weight: 2,
    why: "The client or key has not been enabled for this API product or endpoint.",
  },
];

const VEHICLE_LINK_RULES: ClassifierRule[] = [
  {
    id: "vehicle-not-on-account",
    cause: "vehicle_not_linked",
    pattern:
      /\b(vehicle|car)s?\b[^.;\n]{0,40}?\b(not (found|linked|associated|registered|paired|enrolled|on (this|your|the) account)|unlinked|removed from (your|the|this) account|does ?n[o']t belong|not connected to (your|this|the) account)\b/,
    weight: 3,
    why: "The vehicle is missing from the account: never linked, removed, or linked elsewhere.",
  },
  {
    id: "no-vehicles-on-account",
    cause: "vehicle_not_linked",
    pattern:
      /\bno vehicles?\b[^.;\n]{0,30}?\b(found|linked|associated|on (this|your|the) account|registered|paired)\b/,
    weight: 3,
    why: "The account has no vehicle to act on.",
  },
  {
    id: "vin-unknown-or-mismatch",
    cause: "vehicle_not_linked",
    pattern:
      /\bvin\b[^.;\n]{0,30}?\b(mismatch|does not match|does ?n[o']t match|not found|unknown|invalid|not recogni[sz]ed|not associated|not linked|not registered)\b|\b(invalid|unknown|unrecogni[sz]ed|mismatched|wrong) vin\b|\bno (vehicle|car) (with|for|matching) (this |that |the )?vin\b/,
    weight: 3,
    why: "The VIN is not the one on the account (a typo, a swapped vehicle) or the vendor does not know it.",
  },
  {
    id: "ownership-change",
    cause: "vehicle_not_linked",
    pattern:
      /\bownership\b[^.;\n]{0,30}?\b(transfer|transferred|change|changed|verification|pending|not verified|mismatch|could not be verified)\b|\b(transferred|sold) to (a |another |the )?(new|another|different) owner\b|\b(previous|new) owner\b|\bowner (change|mismatch)\b/,
    weight: 3,
    why: "The vehicle changed hands: the old owner's link is gone and the new owner has not paired yet.",
  },
  {
    id: "not-primary-driver",
    cause: "vehicle_not_linked",
    pattern:
      /\bnot (the )?(primary|main|registered|authori[sz]ed) (driver|owner|user|subscriber|account holder)\b|\b(secondary|guest|additional) (driver|user)\b|\bonly the (vehicle'?s )?(primary|owner|registered owner|subscriber)\b|\bprimary (driver|owner|subscriber) (only|required)\b/,
    weight: 3,
    why: "The signed-in user is a secondary or guest driver; the primary driver must act or grant access.",
  },
  {
    id: "pairing-failed",
    cause: "vehicle_not_linked",
    pattern:
      /\b(could ?n[o']t|could not|unable to|failed to|can ?n?[o']t|cannot) (pair|link|register|add|enroll) (your |the |this |a )?(vehicle|car)\b|\bpairing (failed|error|unsuccessful|rejected|declined)\b|\b(vehicle|car) (pairing|linking|registration) (failed|error)\b/,
    weight: 1.5,
    why: "Pairing is the step that links the vehicle to the account; its failure leans here, though other causes can break it too.",
  },
  {
    id: "already-linked-elsewhere",
    cause: "vehicle_not_linked",
    pattern:
      /\balready (linked|paired|registered|associated|enrolled)\b|\b(registered|linked|paired) (to|with) (another|a different) (account|user|owner)\b|\bbelongs to (another|a different) (account|user)\b/,
    weight: 3,
    why: "The vehicle is already linked to another account and must be released first.",
  },
  {
    id: "pairing-code-or-confirmation",
    cause: "vehicle_not_linked",
    pattern:
      /\b(pairing|activation|enrollment) code\b[^.;\n]{0,30}?\b(expired|invalid|incorrect|mismatch|wrong)\b|\bnot confirmed (on|in|by|from) the (vehicle|car|head unit)\b|\bconfirm (the )?(request|pairing) (on|in) (the )?(vehicle|car|head unit|multimedia|display)\b/,
    weight: 2.5,
    why: "The link needs a code or a confirmation inside the vehicle, and that step did not complete.",
  },
  {
    id: "not-authorized-for-vehicle",
    cause: "vehicle_not_linked",
    pattern:
      /\bnot (authori[sz]ed|permitted|allowed) (to (access|control|use|command) )?(for |to )?(this|the) (vehicle|car|vin)\b|\bno access to (this|the) (vehicle|car)\b|\b(user|account) (is )?not associated with (this|the) (vehicle|car|vin)\b/,
    weight: 3,
    why: "The account has no standing with this particular vehicle.",
  },
  {
    id: "status-404-names-vehicle",
    cause: "vehicle_not_linked",
    httpStatus: [404],
    pattern: /\b(vehicle|car|vin)s?\b/,
    weight: 1.5,
    why: "A 404 about a vehicle or VIN: the vendor has no such vehicle for this caller.",
  },
  {
    id: "relink-advised",
    cause: "vehicle_not_linked",
    pattern:
      /\bremove (the |your )?(vehicle|car) and (re-?)?add\b|\bre-?(register|link|pair) (the |your )?(vehicle|car)\b|\bre-?link(ed|ing)?\b/,
    weight: 2,
    why: "Someone suggests (or tried) removing and re-adding the vehicle, the fix for a broken link.",
  },
];

const APP_VERSION_RULES: ClassifierRule[] = [
  {
    id: "update-the-app",
    cause: "app_version",
    pattern:
      /\b(update|upgrade) (the |your |to the latest (version of the )?)?(app|application|sdk|client|mobile app)\b|\b(app|application) update (is )?required\b|\bnew version (of the app )?(is )?(available|required)\b|\b(update|upgrade) to (the )?(latest|newest|new|current) (app )?version\b|\bforce[ds]? (update|upgrade)\b/,
    weight: 3.5,
    why: "The vendor asks for a newer app or SDK: this client is below its minimum.",
  },
  {
    id: "client-too-old",
    cause: "app_version",
    pattern:
      /\b(app|application|client|sdk|library)( version)?( v?\d[\w.-]*)? (is )?(out ?of ?date|outdated|too old|no longer supported|unsupported|deprecated|obsolete|incompatible)\b|\bminimum (supported )?(app |sdk |client )?version\b|\bupgrade required\b/,
    weight: 3.5,
    why: "The app or SDK version itself is reported outdated or unsupported.",
  },
  {
    id: "api-version-rejected",
    cause: "app_version",
    pattern:
      /\b(unsupported|invalid|unknown|retired|deprecated|sunset|removed|obsolete) api[- ]?version\b|\bapi[- ]?version\b[^.;\n]{0,40}?\b(not supported|unsupported|no longer|deprecated|retired|sunset|removed|invalid|required|missing|not one we serve)\b/,
    weight: 3.5,
    why: "The pinned API version is missing, unknown, deprecated or retired: the version pin drifted from what the vendor serves.",
  },
  {
    id: "version-not-supported",
    cause: "app_version",
    pattern: /\bversion (is )?(no longer |not )supported\b|\bno longer supported\b/,
    unless: /\b(2g|3g|cdma|network|cellular|modem|region|country|market)\b/,
    weight: 1.5,
    why: "Something the client relies on is no longer supported; unless a network or market is named, it is the client's version.",
  },
  {
    id: "deprecated",
    cause: "app_version",
    pattern: /\bdeprecat(ed|ion)\b/,
    weight: 2,
    why: "A deprecation notice (or Deprecation header) warns that the client uses something on its way out.",
  },
  {
    id: "api-sunset",
    cause: "app_version",
    pattern: /\bsunset\b/,
    unless: /\b(2g|3g|cdma|umts|network|cellular|modem)\b/,
    weight: 2,
    why: "A Sunset notice for an API version or endpoint; a network sunset is the vehicle's modem instead.",
  },
  {
    id: "version-header",
    cause: "app_version",
    pattern:
      /\bx-api-version\b|\bapi-version header\b|\baccept-version\b|\bversion (header|pin)\b|\bpinned version\b/,
    weight: 1,
    why: "The failure involves the API version header or pin.",
  },
  {
    id: "app-crash-or-client-bug",
    cause: "app_version",
    pattern:
      /\b(app|application)\b[^.;\n]{0,15}?\b(crash(ed|es|ing)?|froze|frozen|keeps? crashing|stopped working|not responding|hangs)\b|\bfatal exception\b|\bnull ?pointer\b|\bundefined is not (an object|a function)\b|\bcannot read propert(y|ies) of (undefined|null)\b|\bunhandled (promise )?rejection\b|\bexc bad access\b|\bsegmentation fault\b/,
    weight: 2,
    why: "A crash or a programming error on the client: a bug in this build of the app or SDK.",
  },
  {
    id: "response-shape-changed",
    cause: "app_version",
    pattern:
      /\b(failed to |could not |unable to )?(deseriali[sz]e|decode|parse)\b[^.;\n]{0,20}?\b(response|json|body|payload)\b|\bunexpected (field|property|enum value|response format)\b|\bunknown (field|property|enum)\b|\bschema (validation|mismatch)\b|\bkey not found\b[^.;\n]{0,20}?\bcoding ?keys\b|\btype mismatch\b/,
    unless: /\bunexpected token '?<|<!doctype html|<html\b/,
    weight: 1.5,
    why: "The client cannot read the vendor's answer: the response shape changed under a drifted version pin or an old SDK.",
  },
  {
    id: "after-update",
    cause: "app_version",
    pattern:
      /\b(after|since) (the |an |a |my |our )?(latest |last |recent |new )?(app|sdk|library|client|ios|android) (update|upgrade|release|version bump)\b|\bafter (updating|upgrading) (the |my |our )?(app|sdk|library|client)\b|\bregression\b/,
    weight: 2,
    why: "It started after a client change: the most recent release is the first suspect.",
  },
  {
    id: "os-unsupported",
    cause: "app_version",
    pattern:
      /\b(ios|android|operating system|os) (version )?(is )?(not supported|unsupported|too old|no longer supported)\b|\brequires (ios|android) \d+/,
    weight: 2.5,
    why: "The phone's operating system is below what the app supports.",
  },
  {
    id: "endpoint-gone",
    cause: "app_version",
    pattern:
      /\b(no route|route not found|endpoint (not found|does not exist|removed|moved|retired)|unknown (endpoint|method|operation)|method not allowed|not implemented|unrecogni[sz]ed (field|parameter|operation))\b/,
    weight: 2,
    why: "The client calls an endpoint, method or field this API version does not have.",
  },
  {
    id: "version-context-and-wording",
    cause: "app_version",
    whenContextHas: ["sdkVersion", "appVersion", "apiVersion"],
    pattern: /\b(version|update|upgrade|outdated|deprecated|unsupported|incompatible)\b/,
    weight: 1,
    why: "A version was recorded for this incident and the error talks about versions.",
  },
];

const VEHICLE_CONNECTIVITY_RULES: ClassifierRule[] = [
  {
    id: "telematics-unit-unreachable",
    cause: "vehicle_connectivity",
    pattern:
      /\b(tcu|dcm|telematics( control)?( unit| module| box| device)?|t-?box|in-?vehicle modem|vehicle modem|head unit)\b[^.;\n]{0,40}?\b(unreachable|not reachable|offline|not responding|did not respond|no response|timed? ?out|timeout|unavailable|disconnected|not connected|lost|asleep|sleep|error|failed|failure)\b/,
    weight: 3.5,
    why: "The vehicle's telematics unit (TCU/DCM) could not be reached or did not answer.",
  },
  {
    id: "vehicle-unreachable",
    cause: "vehicle_connectivity",
    pattern:
      /\b(vehicle|car)\b[^.;\n]{0,30}?\b(unreachable|not reachable|offline|is not responding|did not respond|not responding|no response|could ?n[o']t be reached|cannot be reached|can'?t be reached|out of coverage|disconnected|lost connection|communication (error|failed|failure)|not connected(?! to (your|this|the) account))|\b(unable|failed|could ?n[o']t|cannot|can'?t) (to )?(reach|contact|communicate with|connect to) (the |your )?(vehicle|car)\b|\b(timed? ?out|timeout|expired)\b[^.;\n]{0,30}?\bwait(ing)? (for|on) (a |the )?(vehicle|car|tcu|dcm|telematics)\b/,
    weight: 3.5,
    why: "The vendor could not talk to the vehicle: it is offline, out of coverage or not answering.",
  },
  {
    id: "vehicle-asleep",
    cause: "vehicle_connectivity",
    pattern:
      /\bdeep[- ]?sleep\b|\b(vehicle|car|tcu|dcm|modem) (is )?(asleep|sleeping|dormant|in (deep )?sleep( mode)?)\b|\bwake[- ]?up (failed|timed? ?out|timeout|unsuccessful|sms|request|not)\b|\b(failed|unable|could not|couldn'?t) to wake\b|\bcould not wake\b|\bignition (has been )?off for\b/,
    weight: 3,
    why: "The vehicle parks its modem asleep to save the 12 V battery and a wake-up did not bring it back in time.",
  },
  {
    id: "vehicle-battery-low",
    cause: "vehicle_connectivity",
    pattern:
      /\b(12 ?v|auxiliary|vehicle|car|starter|low[- ]voltage) battery\b[^.;\n]{0,20}?\b(low|weak|dead|flat|protection|saving)\b|\bbattery (protection|saver) mode\b/,
    weight: 2.5,
    why: "A low 12 V battery makes the vehicle shut its telematics unit down to protect itself.",
  },
  {
    id: "weak-vehicle-signal",
    cause: "vehicle_connectivity",
    pattern:
      /\b(weak|poor|low|no|limited|bad) (cellular |cell |lte |mobile |network )?(signal|reception|coverage)\b|\bout of (cellular |network )?coverage\b|\bunderground (garage|parking|car ?park)\b|\bparking (garage|structure)\b|\bno cellular\b/,
    weight: 2,
    why: "Poor coverage where the vehicle is parked (garages, remote areas) is the everyday reason commands do not reach it.",
  },
  {
    id: "weak-signal-could-be-phone",
    cause: "phone_network",
    pattern:
      /\b(weak|poor|low|no|limited|bad) (cellular |cell |lte |mobile |network )?(signal|reception|coverage)\b/,
    weight: 0.6,
    why: "Weak signal may also describe the phone; wording naming the phone or the vehicle decides.",
  },
  {
    id: "modem-network-sunset",
    cause: "vehicle_connectivity",
    pattern:
      /\b(2g|3g|cdma|umts|hspa)\b[^.;\n]{0,40}?\b(sunset|shut ?down|shutoff|shut off|decommission(ed)?|retired?|no longer|discontinued|phase[- ]?out|network (is )?(gone|off))|\bnetwork sunset\b|\bmodem (upgrade|replacement|update) (is )?required\b|\blegacy (modem|network)\b/,
    weight: 4,
    why: "Vehicles with 3G (or older) modems lost connectivity when carriers shut those networks down; only a modem upgrade helps.",
  },
  {
    id: "remote-command-timed-out",
    cause: "vehicle_connectivity",
    pattern:
      /\b(remote )?(command|request to (the )?vehicle|engine ?start|remote ?start|door (lock|unlock)|(lock|unlock) (command|request|doors?)|climate|hvac|horn|hazards?|lights|honk|locate|find my car)\b[^.;\n]{0,40}?\b(timed? ?out|timeout|expired|no response|not acknowledged|never (arrived|completed|confirmed|acknowledged|reached)|did not complete|failed to complete|still pending|stuck|undeliverable|not delivered)\b/,
    weight: 3,
    why: "A remote command that never completed: the vehicle did not acknowledge it in time.",
  },
  {
    id: "command-not-delivered",
    cause: "vehicle_connectivity",
    pattern:
      /\b(command|request|message)\b[^.;\n]{0,30}?\b(could not be delivered|rejected by (the )?vehicle|failed on (the )?vehicle)\b|\bvehicle (rejected|did not accept|refused) (the )?command\b|\bsms (wake|wakeup|shoulder tap)\b|\bshoulder[- ]tap\b/,
    weight: 3,
    why: "The command left the vendor but the vehicle never took it (SMS wake-up or delivery failed).",
  },
  {
    id: "vehicle-refused-for-its-state",
    cause: "vehicle_connectivity",
    pattern:
      /\b(ignition|engine) (is )?(on|running)\b|\b(hood|door|trunk|tailgate|liftgate|window)s? (is |are )?(open|ajar)\b|\bkey (fob )?(detected|is )?(inside|in) (the )?(vehicle|car)\b|\bhazards? (lights )?(are |is )?on\b|\balarm (is )?(active|triggered|sounding)\b/,
    weight: 1,
    why: "The vehicle refused the command because of its own state (ignition on, a door open); of the ten causes this sits closest to the vehicle side.",
  },
  {
    id: "stale-vehicle-status",
    cause: "vehicle_connectivity",
    pattern:
      /\blast (seen|contact|communication|heard from|connected|update)\b[^.;\n]{0,30}?\b(ago|days?|hours?|stale|old)\b|\bstale (vehicle )?(status|data|location)\b|\bvehicle status (is )?(out of date|stale|unavailable)\b/,
    weight: 2,
    why: "The vehicle has not checked in for a while, so it is likely offline or asleep.",
  },
  {
    id: "vehicle-firmware",
    cause: "vehicle_connectivity",
    pattern:
      /\b(vehicle|head unit|multimedia|telematics|tcu|dcm|firmware|ota)\b[^.;\n]{0,20}?\b(software|firmware) update\b|\b(vehicle|car|head unit|multimedia|telematics|tcu|dcm)('s)? (software|firmware)\b[^.;\n]{0,30}?\b(update|updated|outdated|out of date)\b|\bota update (required|pending|in progress|failed)\b|\bfirmware update (required|pending|in progress|failed)\b/,
    weight: 1.5,
    why: "Outdated or updating vehicle firmware can keep the telematics unit from talking to the vendor.",
  },
];

const PHONE_NETWORK_RULES: ClassifierRule[] = [
  {
    id: "dns-failure",
    cause: "phone_network",
    pattern:
      /\bgetaddrinfo\b|\benotfound\b|\beai again\b|\bdns\b[^.;\n]{0,30}?\b(fail|failed|failure|error|resolution|lookup|timeout|timed out|servfail|nxdomain)|\bname (or service )?not known\b|\btemporary failure in name resolution\b|\b(could not|couldn'?t|unable to|failed to) resolve (host|hostname|the host|domain)?|\bunknown ?host\b|\bno address associated with hostname\b|\bnodename nor servname\b|\bname not resolved\b|\bno such host\b|\bnxdomain\b|\bserver with the specified hostname could not be found\b|\bfailed host lookup\b|\bcannot find host\b|\bhost not found\b/,
    weight: 3.5,
    why: "The caller could not resolve the vendor's host name: a DNS problem on the caller's side, so the request never left.",
  },
  {
    id: "node-connection-errors",
    cause: "phone_network",
    pattern:
      /\b(econnreset|econnrefused|econnaborted|ehostunreach|enetunreach|enetdown|enetreset|epipe|esockettimedout|und err (socket|connect timeout|headers timeout))\b/,
    weight: 2.5,
    why: "Node.js socket errors: the connection from the caller could not be made or was cut.",
  },
  {
    id: "node-etimedout",
    cause: "phone_network",
    pattern: /\betimedout\b/,
    weight: 2.5,
    why: "ETIMEDOUT is the caller's socket giving up on connecting or reading: usually the caller's network or route.",
  },
  {
    id: "connection-cut-could-be-vendor",
    cause: "server_outage",
    pattern:
      /\b(econnreset|econnrefused|socket hang ?up|connection (reset|refused)|other side closed|remote end closed|empty reply from server)\b/,
    weight: 0.8,
    why: "A reset or refused connection can also be the vendor's edge dropping connections during an incident.",
  },
  {
    id: "offline",
    cause: "phone_network",
    pattern:
      /\binternet connection appears to be offline\b|\bno internet( connection| access)?\b|\bnot connected to (the )?internet\b|\b(device|phone) (is )?offline\b|\byou( a|')re offline\b|\bnetwork (is )?(unreachable|unavailable|down)\b|\bnetwork connection (was )?lost\b|\berr internet disconnected\b|\berr network (changed|access denied)\b|\bno network connection\b|\bconnection appears to be offline\b|\berr address unreachable\b/,
    weight: 3.5,
    why: "The phone or caller had no working internet connection at the time.",
  },
  {
    id: "request-never-sent",
    cause: "phone_network",
    pattern:
      /\bnetwork request failed\b|\bfailed to fetch\b|\bfetch failed\b|\bload failed\b|\bnetwork ?error\b|\berr network\b|\bnet::err\b|\bfailed to establish a new connection\b|\bconnection (attempt )?failed because the connected party\b|\bcould not connect to (the )?(server|host)\b|\bcannot connect to (the )?(server|host)\b|\bunable to connect to (the )?(server|host|internet)\b|\bfailed to connect to\b|\bconnection error\b/,
    weight: 3,
    why: "The client's HTTP stack reports that the request could not be sent at all (fetch, React Native, OkHttp, urllib3, .NET).",
  },
  {
    id: "connection-reset-or-refused",
    cause: "phone_network",
    pattern:
      /\bsocket hang ?up\b|\bconnection (reset|refused|aborted|closed unexpectedly)( by peer)?\b|\bother side closed\b|\bbroken pipe\b|\bremote end closed connection\b|\bunexpected end of stream\b|\bconnection closed before\b/,
    weight: 2,
    why: "The connection was refused or cut before an answer came back, typical of flaky mobile data, VPNs and proxies.",
  },
  {
    id: "jvm-network-exceptions",
    cause: "phone_network",
    pattern:
      /\b(socket ?timeout|connect|no ?route ?to ?host|socket|interrupted ?io|eof|unknown ?service|http ?host ?connect|connection ?closed|connect ?timeout)( ?exception)\b|\b(java\.net|okhttp3?|javax\.net)\b/,
    weight: 2.5,
    why: "Java/Kotlin network exceptions (SocketTimeoutException, ConnectException, …): the call failed on the caller's connection.",
  },
  {
    id: "nsurl-offline",
    cause: "phone_network",
    pattern:
      /(code|error|domain)\s*[=:]?\s*-10(09|20|18|05)\b|\bnsurl ?error ?(not connected to internet|data not allowed|international roaming off|network connection lost)\b/,
    weight: 4,
    why: "iOS URL errors -1009 (offline), -1020 (data not allowed), -1018 (roaming off), -1005 (connection lost) are all about the phone's network.",
  },
  {
    id: "nsurl-host",
    cause: "phone_network",
    pattern:
      /(code|error|domain)\s*[=:]?\s*-100[34]\b|\bnsurl ?error ?(cannot find host|cannot connect to host|dns lookup failed)\b/,
    weight: 3.5,
    why: "iOS -1003/-1004: the phone could not find or connect to the vendor's host.",
  },
  {
    id: "nsurl-timeout",
    cause: "phone_network",
    pattern:
      /(code|error|domain)\s*[=:]?\s*-1001\b|\bnsurl ?error ?timed out\b|\bthe request timed out\b/,
    weight: 2.5,
    why: 'iOS -1001 "The request timed out": the phone gave up waiting, most often on a poor connection.',
  },
  {
    id: "tls-failure",
    cause: "phone_network",
    pattern:
      /\b(ssl|tls)\b[^.;\n]{0,30}?\b(handshake|error|failed|failure|alert|protocol|certificate problem|connect error|peer)\b|\bcertificate\b[^.;\n]{0,20}?\b(verify failed|has expired|is not trusted|not trusted|invalid|verification failed|unknown|revoked|chain|signed by unknown authority)\b|\bself[- ]signed cert|\bunable to (get|verify) (local )?(issuer )?(the first )?certificate\b|\bverify leaf signature\b|\bx509\b|\berr cert\b|\b(certificate|ssl|public key) pinning\b|\bpinning (failed|failure|mismatch)\b|\bsecure connection (failed|could not be made)\b|\btrust anchor\b|\bpkix path\b|\bhandshake (exception|error|failed|failure)\b|(code|error)\s*[=:]?\s*-12(00|02|03|04|05|06)\b/,
    weight: 3,
    why: "The TLS handshake failed on the caller's side: a corporate proxy intercepting TLS, a stale trust store, a wrong device clock or a pinning mismatch.",
  },
  {
    id: "proxy-vpn-firewall",
    cause: "phone_network",
    pattern:
      /\bproxy\b[^.;\n]{0,30}?\b(error|failed|refused|authentication|auth|blocked|timeout|timed out|unreachable|tunnel|connect)\b|\b(corporate|company|forward|squid|web|http) proxy\b|\btunneling socket could not be established\b|\berr (proxy|tunnel) connection failed\b|\bproxy authentication required\b|\bvpn\b|\bfirewall\b|\bcaptive portal\b|\bzscaler\b|\bnetskope\b|\bblocked by (your )?(network|administrator|organi[sz]ation)\b/,
    weight: 2.5,
    why: "A VPN, proxy, firewall or captive portal on the caller's path interfered with the request.",
  },
  {
    id: "phone-signal-or-data-off",
    cause: "phone_network",
    pattern:
      /\b(phone|handset|device|my (cell|mobile))\b[^.;\n]{0,30}?\b(no|weak|poor|lost|bad) (signal|connection|data|service|reception)\b|\bairplane mode\b|\bflight mode\b|\b(mobile|cellular) data (is )?(off|disabled|restricted|not allowed|turned off)\b|\bbackground (app )?(data|refresh) (is )?(restricted|disabled|off)\b|\bdata saver\b|\blow data mode\b|\bbattery saver\b|\blow power mode\b|\b(data |international )?roaming (is )?(off|disabled)\b/,
    weight: 2.5,
    why: "The phone itself had no usable data: weak signal, data switched off for the app, roaming off, or a battery saver restricting traffic.",
  },
  {
    id: "android-network-permission",
    cause: "phone_network",
    pattern:
      /\bmissing internet permission\b|\bsocket failed:? eperm\b|\beacces \(permission denied\)/,
    weight: 3.5,
    why: "Android refused the app network access (no INTERNET permission or blocked by the OS).",
  },
  {
    id: "check-your-connection",
    cause: "phone_network",
    pattern:
      /\bcheck your (internet|network|data|wi-?fi|mobile data)( connection| settings)?\b|\bmake sure (you are|you're|your (phone|device) is) (online|connected)\b/,
    weight: 2.5,
    why: "The app itself suspects the phone's connection: it only says this when the request could not go out.",
  },
  {
    id: "wifi-unstable",
    cause: "phone_network",
    pattern:
      /\bwi-?fi\b[^.;\n]{0,30}?\b(unstable|weak|dropp(ed|ing)|disconnect(ed|s)?|switch(ed|ing)|flaky|captive)\b|\bswitch(ed|ing)? (between|from) (wi-?fi|cellular|mobile data)\b/,
    weight: 2,
    why: "An unstable Wi-Fi network, or the phone switching between Wi-Fi and cellular mid-request.",
  },
  {
    id: "client-socket-timeout",
    cause: "phone_network",
    pattern:
      /\b(socket|read|connect|connection|handshake|client|i\/o|dial tcp)\b[^.;\n]{0,15}?\b(timed? ?out|timeout)\b|\btimeout of \d+ ?ms exceeded\b|\b(timed out|timeout) (while )?(connecting|waiting for (a |the )?response|reading|awaiting headers)\b|\bno response (from|received)\b|\bdid not receive (a |any )?response\b|\bclient\.timeout exceeded\b|\bhttp ?client\.timeout\b|\boperation timed out after\b/,
    weight: 2,
    why: "The caller's own HTTP client timed out waiting to connect or to read: usually the caller's connection, sometimes a slow vendor.",
  },
  {
    id: "client-timeout-could-be-vendor",
    cause: "server_outage",
    pattern:
      /\btimeout of \d+ ?ms exceeded\b|\b(read|socket) ?timed? ?out\b|\bdeadline exceeded\b|\bclient\.timeout exceeded\b|\bno response (from|received)\b/,
    weight: 0.8,
    why: "A client timeout with a connection established can also mean the vendor is too slow to answer.",
  },
  {
    id: "deadline-exceeded",
    cause: "phone_network",
    pattern: /\bdeadline exceeded\b/,
    weight: 1.2,
    why: "Go's context deadline / gRPC DEADLINE_EXCEEDED: the call ran out of time, on the caller's network or at the vendor.",
  },
  {
    id: "retries-exhausted",
    cause: "phone_network",
    pattern: /\bmax retries exceeded\b|\bretries exhausted\b/,
    weight: 1,
    why: "The client gave up after retrying, which hides the real error; it leans to connection problems.",
  },
];

const SERVER_OUTAGE_RULES: ClassifierRule[] = [
  {
    id: "service-unavailable",
    cause: "server_outage",
    pattern:
      /\bservice (is )?(temporarily )?unavailable\b|\btemporarily unavailable\b|\bserver (is )?(down|unavailable|overloaded|not responding|busy|at capacity)\b|\bservers? (are )?(down|unavailable|experiencing (issues|problems))\b|\bbackend (error|unavailable|down|failure)\b/,
    unless: /\b(in|for) (your|this|that) (region|country|market|territory)\b/,
    weight: 3,
    why: "The vendor says its service is down, overloaded or temporarily unavailable (not that it is withheld from a market).",
  },
  {
    id: "bad-gateway",
    cause: "server_outage",
    pattern:
      /\bbad gateway\b|\bno healthy upstream\b|\bupstream (connect )?(error|failure|unavailable|reset)\b|\borigin (is )?(unreachable|down|error)\b/,
    weight: 3,
    why: "A gateway in front of the vendor's service got no valid answer from behind it.",
  },
  {
    id: "gateway-timeout",
    cause: "server_outage",
    pattern:
      /\bgateway time-?out\b|\bupstream (request )?(timeout|timed out)\b|\btimed out (inside|within|in) (the )?(service|server|backend|upstream|connected services)\b/,
    weight: 3,
    why: "A timeout inside the vendor's own stack, reported by its gateway.",
  },
  {
    id: "internal-server-error",
    cause: "server_outage",
    pattern:
      /\binternal server error\b|\binternal error\b|\ban (internal|unexpected) (server )?error (has )?occurred\b|\bserver error\b/,
    weight: 2.5,
    why: "An unhandled error inside the vendor's service.",
  },
  {
    id: "maintenance",
    cause: "server_outage",
    pattern: /\bmaintenance\b/,
    unless: /\bmaintenance (reminder|due|light|schedule for (your|the) vehicle)\b/,
    weight: 3.5,
    why: "Planned or emergency maintenance on the vendor's side.",
  },
  {
    id: "outage",
    cause: "server_outage",
    pattern:
      /\boutage\b|\bincident (is )?(ongoing|declared|in progress)\b|\bdegraded (performance|service)\b|\bservice (disruption|interruption|degradation)\b|\bdowntime\b/,
    weight: 3,
    why: "An outage or incident on the vendor's side.",
  },
  {
    id: "many-users-at-once",
    cause: "server_outage",
    pattern:
      /\b(many|multiple|all|several|other) (users|customers|owners|tenants|accounts|vehicles)\b[^.;\n]{0,30}?\b(report|affected|failing|same|seeing|at once|since)|\bwidespread\b|\bacross (all )?(tenants|regions|accounts|customers)\b|\beveryone\b/,
    weight: 1.5,
    why: "Many unrelated users failing at the same time points at the vendor rather than one account or vehicle.",
  },
  {
    id: "status-page-green",
    cause: "server_outage",
    pattern:
      /\bstatus page\b[^.;\n]{0,40}?\b(green|operational|no (incidents?|issues)|all systems)\b|\ball systems operational\b/,
    weight: -2,
    why: "The vendor's status page shows everything operational, which counts against a vendor outage.",
  },
  {
    id: "server-overloaded",
    cause: "server_outage",
    pattern:
      /\b(overloaded|over capacity|high (load|demand)|circuit (breaker )?(is )?open|load shedding)\b/,
    weight: 2,
    why: "The vendor is shedding load; it may recover without any change on the caller's side.",
  },
  {
    id: "server-datastore",
    cause: "server_outage",
    pattern:
      /\bdatabase (error|unavailable|timeout|connection)\b|\bdeadlock\b|\block wait timeout\b|\btoo many connections\b|\bconnection pool (exhausted|timeout)\b/,
    weight: 2,
    why: "A database or pool failure inside the vendor leaked into the error.",
  },
  {
    id: "html-instead-of-json",
    cause: "server_outage",
    pattern: /\bunexpected token '?<'?|<!doctype html|<html\b|\bnot valid json\b/,
    weight: 1.2,
    why: "An HTML page where JSON was expected is usually a gateway or maintenance page; a captive portal or changed API can do it too.",
  },
  {
    id: "empty-reply",
    cause: "server_outage",
    pattern:
      /\bempty reply from server\b|\bserver closed the connection\b|\bconnection closed by (the )?server\b/,
    weight: 1.5,
    why: "The vendor accepted the connection and closed it without answering.",
  },
  {
    id: "unavailable-for-now",
    cause: "server_outage",
    pattern:
      /\b(not available|unavailable)\b[^.;\n]{0,20}?\b(right now|at (this|the) (time|moment))\b|\bcurrently (not available|unavailable)\b/,
    weight: 1.5,
    why: 'Unavailable "right now" is a passing condition on the vendor\'s side, not a missing feature.',
  },
  {
    id: "try-again-later",
    cause: "server_outage",
    pattern: /\b(try|retry|please try) again later\b|\bretry later\b/,
    weight: 1,
    why: "A try-again-later answer usually means a temporary vendor problem (or a limit, which other words reveal).",
  },
];

const RATE_LIMIT_RULES: ClassifierRule[] = [
  {
    id: "too-many-requests",
    cause: "rate_limited",
    pattern: /\btoo many requests\b/,
    weight: 3.5,
    why: "Too Many Requests is 429's wording.",
  },
  {
    id: "rate-limit",
    cause: "rate_limited",
    pattern:
      /\brate[- ]?limit(s|ed|ing)?\b|\bratelimit\b|\brequest limit (exceeded|reached)\b|\bexceeded (the |your )?(rate|request|api|call|daily|hourly|monthly|usage) ?(limit|quota)\b/,
    weight: 3.5,
    why: "A rate limit is named: calls per window exceeded.",
  },
  {
    id: "quota",
    cause: "rate_limited",
    pattern:
      /\bquota\b[^.;\n]{0,30}?\b(exceeded|exhausted|reached|used up|limit)\b|\b(over|out of) (the )?quota\b|\bresource exhausted\b|\busage limit\b/,
    weight: 3.5,
    why: "A quota is used up (RESOURCE_EXHAUSTED, quota exceeded): calls are refused until it resets.",
  },
  {
    id: "throttled",
    cause: "rate_limited",
    pattern:
      /\bthrottl(e|ed|es|ing)\b|\bslow ?down\b|\bspike ?arrest\b|\bburst (limit|capacity)\b|\bconcurrency limit\b/,
    weight: 3,
    why: "The vendor throttles the caller (ThrottlingException, SlowDown, spike arrest).",
  },
  {
    id: "limit-exceeded",
    cause: "rate_limited",
    pattern: /\blimit (exceeded|reached|hit)\b/,
    unless: /\b(size|length|payload|body|file|memory|character|timeout) limit\b/,
    weight: 1.5,
    why: "Some limit was exceeded; unless it is a size limit, that is usually a call-rate or usage limit.",
  },
  {
    id: "retry-after",
    cause: "rate_limited",
    pattern: /\bretry[- ]after\b|\b(retry|try again) in \d+ ?(s|secs?|seconds|minutes?|mins?)\b/,
    weight: 1.5,
    why: "Retry-After or rate-limit headers: the vendor says when to come back (it also sends Retry-After with 503 maintenance).",
  },
  {
    id: "seat-or-device-limit",
    cause: "rate_limited",
    pattern:
      /\b(seat|license|licence|device|session|api key)s? (limit|cap)\b|\bno (available |free )?(seats|licen[cs]es)\b|\bmaximum (number of )?(devices|seats|sessions|users|vehicles|drivers|commands|remote starts)\b|\btoo many (devices|sessions|active sessions|concurrent|commands|remote (starts|commands))\b|\b(daily |consecutive )?(command|remote start|engine start)s? limit\b/,
    weight: 3,
    why: "A seat, device, session or per-day command allowance is used up.",
  },
  {
    id: "too-many-attempts",
    cause: "rate_limited",
    pattern: /\btoo many (attempts|retries|calls|tries)\b/,
    weight: 2,
    why: "Too many attempts in a short time: a limit, or an account lock when it is about sign-ins.",
  },
];

const REGION_RULES: ClassifierRule[] = [
  {
    id: "not-available-in-region",
    cause: "region_unavailable",
    pattern:
      /\b(not (available|supported|offered|enabled|allowed|permitted|launched|sold)|unavailable|unsupported)\b[^.;\n]{0,30}?\b(in|for) (your|this|the|that|their|some) ([\w-]+ )?(region|country|countries|market|territory|location|area|jurisdiction|state)\b|\b(region|country|market|territory)\b[^.;\n]{0,30}?\b(not (available|supported|offered|allowed|eligible)|unsupported|restricted|blocked)\b|\bunsupported (region|country|market|locale)\b|\bgeo[- ]?(blocked|blocking|restricted|restriction)\b|\b(only available|available only) in\b/,
    weight: 4,
    why: "The service or feature is not offered in this region, country or market.",
  },
  {
    id: "feature-not-for-model",
    cause: "region_unavailable",
    pattern:
      /\b(feature|service|function(ality)?|command|capability|remote (start|connect|services?))\b[^.;\n]{0,40}?\b(not (supported|available|offered|compatible)|unsupported|unavailable|incompatible)\b[^.;\n]{0,30}?\b(vehicle|model|trim|model year|car|vin|powertrain|grade)\b|\b(vehicle|model|car|trim|model year)\b[^.;\n]{0,30}?\b(does not support|does ?n[o']t support|not (eligible|compatible|capable|equipped|supported)|unsupported|ineligible)\b|\bnot (eligible|equipped) for\b|\bnot (supported|available|offered) (for|on|with|in) (this |your |the |all |these )?([\w-]+ )?(vehicles?|models?|trims?|cars?|model years?|powertrains?)\b/,
    weight: 3,
    why: "The feature is not offered for this model, trim or model year, the same gap as a market that lacks it.",
  },
  {
    id: "legal-or-regulatory",
    cause: "region_unavailable",
    pattern:
      /\bunavailable for legal reasons\b|\blegal reasons\b|\bregulat(ory|ion|ions)\b|\bsanction(s|ed)?\b|\bembargo\b|\bexport (control|restriction)s?\b|\blocal (law|laws|regulations)\b/,
    weight: 2.5,
    why: "Law or regulation keeps the feature out of this jurisdiction.",
  },
  {
    id: "outside-service-area",
    cause: "region_unavailable",
    pattern:
      /\boutside (of )?(the |your )?(supported|service|home|coverage) (region|area|country|market)\b|\bwrong region\b|\bregion mismatch\b|\b(account|tenant|vehicle) (is )?(registered )?in (another|a different) (region|country|market)\b/,
    weight: 3,
    why: "The vehicle or account belongs to another market than the service endpoint being used.",
  },
  {
    id: "feature-not-available",
    cause: "region_unavailable",
    pattern:
      /\b(feature|function(ality)?) (is )?(not available|unavailable|not offered)\b|\bservice (is )?not (available|offered)\b/,
    unless: /\btemporarily\b|\bmaintenance\b/,
    weight: 1,
    why: "A feature reported unavailable (not temporarily) is most often not offered where the vehicle is.",
  },
  {
    id: "temporary-is-not-a-market-gap",
    cause: "region_unavailable",
    pattern:
      /\b(temporar(il)?y|until further notice|currently down|right now|at (this|the) (time|moment))\b[^\n]{0,60}?\b(region|country|market|territory|location)\b|\b(region|country|market|territory|location)\b[^\n]{0,60}?\b(temporar(il)?y|until further notice|currently down|right now|at (this|the) (time|moment))\b/,
    weight: -2,
    why: "A feature withheld from a market stays withheld; something temporarily unavailable in a region is an outage there, not a market gap.",
  },
  {
    id: "region-context-and-wording",
    cause: "region_unavailable",
    whenContextHas: ["region"],
    pattern:
      /\b(not available|not supported|unavailable|unsupported|not offered|restricted|ineligible)\b/,
    weight: 1,
    why: "A region was recorded for this incident and the error says something is unavailable or unsupported.",
  },
];

const AMBIGUOUS_TIMEOUT_RULES: ClassifierRule[] = [
  {
    id: "timeout-vehicle",
    cause: "vehicle_connectivity",
    pattern: /\btime[ds]? ?out\b|\btimeout\b/,
    weight: 0.6,
    why: '"Timeout" alone may be a vehicle that never answered; what timed out decides.',
  },
  {
    id: "timeout-phone",
    cause: "phone_network",
    pattern: /\btime[ds]? ?out\b|\btimeout\b/,
    weight: 0.6,
    why: '"Timeout" alone may be the caller\'s connection; what timed out decides.',
  },
  {
    id: "timeout-server",
    cause: "server_outage",
    pattern: /\btime[ds]? ?out\b|\btimeout\b/,
    weight: 0.6,
    why: '"Timeout" alone may be a slow vendor; what timed out decides.',
  },
];

export const CLASSIFIER_RULES: readonly ClassifierRule[] = [
  ...HTTP_STATUS_RULES,
  ...SUBSCRIPTION_RULES,
  ...ACCOUNT_AUTH_RULES,
  ...MISSING_SCOPE_RULES,
  ...VEHICLE_LINK_RULES,
  ...APP_VERSION_RULES,
  ...VEHICLE_CONNECTIVITY_RULES,
  ...PHONE_NETWORK_RULES,
  ...SERVER_OUTAGE_RULES,
  ...RATE_LIMIT_RULES,
  ...REGION_RULES,
  ...AMBIGUOUS_TIMEOUT_RULES,
  ...VENDOR_VOCABULARY_RULES,
];
