// The vendor's error answers. API errors share one body shape; OAuth endpoints answer as
// RFC 6749 says ({error, error_description}); bearer failures add RFC 6750's WWW-Authenticate.

export type VendorErrorBody = {
  status: number;
  code: string;
  message: string;
  correlationId?: string;
  error?: string;
  details?: Record<string, unknown>;
};

export class VendorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: Record<string, unknown>,
    readonly oauthError?: string,
  ) {
    super(message);
    this.name = "VendorError";
  }
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

const bearerChallenge = (error: string, description: string, scope?: string) =>
  `Bearer realm="connected-services", error="${error}", error_description="${description}"${scope ? `, scope="${scope}"` : ""}`;

export const vendorErrors = {
  badRequest: (code: string, message: string, details?: Record<string, unknown>) =>
    new VendorError(400, code, message, {}, details),
  invalidApiKey: () =>
    new VendorError(
      401,
      "INVALID_API_KEY",
      "The x-api-key header is missing or not a key we issued.",
    ),
  invalidToken: (description: string) =>
    new VendorError(
      401,
      "INVALID_TOKEN",
      description,
      { "www-authenticate": bearerChallenge("invalid_token", description) },
      undefined,
      "invalid_token",
    ),
  missingToken: () =>
    new VendorError(401, "AUTHENTICATION_REQUIRED", "This endpoint needs an access token.", {
      "www-authenticate": 'Bearer realm="connected-services"',
    }),
  insufficientScope: (scope: string) =>
    new VendorError(
      403,
      "INSUFFICIENT_SCOPE",
      `The access token lacks the scope "${scope}" that this endpoint needs.`,
      { "www-authenticate": bearerChallenge("insufficient_scope", `requires ${scope}`, scope) },
      { requiredScope: scope },
      "insufficient_scope",
    ),
  clientMismatch: () =>
    new VendorError(
      403,
      "CLIENT_MISMATCH",
      "The access token was issued to another client than this API key's.",
    ),
  verificationPending: () =>
    new VendorError(
      403,
      "ACCOUNT_VERIFICATION_PENDING",
      "Authorization failed: the account's email address has not been verified yet.",
    ),
  subscriptionInactive: (status: string) =>
    new VendorError(
      403,
      "SUBSCRIPTION_INACTIVE",
      `Remote Connect is not available: the Connected Services subscription is ${status}.`,
      {},
      { subscriptionStatus: status },
    ),
  vehicleNotLinked: (reason: string) =>
    new VendorError(
      403,
      "VEHICLE_NOT_LINKED",
      "This vehicle is not linked to the signed-in account.",
      {},
      { reason },
    ),
  notPrimaryDriver: () =>
    new VendorError(
      403,
      "NOT_PRIMARY_DRIVER",
      "Only the vehicle's primary driver may do this.",
      {},
      { reason: "not_primary" },
    ),
  vinNotFound: (vin: string) =>
    new VendorError(
      404,
      "VIN_NOT_FOUND",
      `No vehicle with VIN ${vin} is known to Connected Services.`,
    ),
  regionUnavailable: (feature: string, market: string) =>
    new VendorError(
      403,
      "FEATURE_NOT_AVAILABLE_IN_REGION",
      `${feature} is not offered for vehicles in the ${market} market.`,
      {},
      { feature, market },
    ),
  apiVersionRequired: () =>
    new VendorError(
      400,
      "API_VERSION_REQUIRED",
      "Send the x-api-version header (e.g. 2025-09-01).",
    ),
  apiVersionUnsupported: (version: string, supported: readonly string[]) =>
    new VendorError(
      400,
      "UNSUPPORTED_API_VERSION",
      `API version ${version} is not one we serve.`,
      {},
      { supported },
    ),
  apiVersionSunset: (version: string, latest: string) =>
    new VendorError(
      410,
      "API_VERSION_SUNSET",
      `API version ${version} has been retired; move to ${latest}.`,
      {},
      { latest },
    ),
  upgradeRequired: (appVersion: string, minimum: string) =>
    new VendorError(
      426,
      "APP_UPGRADE_REQUIRED",
      `App version ${appVersion} is no longer supported; update to ${minimum} or later.`,
      { upgrade: `app/${minimum}` },
      { minimumVersion: minimum },
    ),
  rateLimited: (retryAfterS: number, scope: string) =>
    new VendorError(
      429,
      "RATE_LIMIT_EXCEEDED",
      `Too many requests for this ${scope}; retry after ${retryAfterS} s.`,
      { "retry-after": String(retryAfterS) },
      { limitScope: scope },
    ),
  serviceUnavailable: (retryAfterS: number, maintenance: boolean) =>
    new VendorError(
      503,
      maintenance ? "SCHEDULED_MAINTENANCE" : "SERVICE_UNAVAILABLE",
      maintenance
        ? "Connected Services is down for scheduled maintenance."
        : "Connected Services is temporarily unavailable.",
      { "retry-after": String(retryAfterS) },
    ),
  gatewayTimeout: () =>
    new VendorError(504, "UPSTREAM_TIMEOUT", "The request timed out inside Connected Services."),
  injectedError: (status: number) =>
    new VendorError(status, "INTERNAL_ERROR", "An internal error occurred. Retry later."),
  notFound: (what: string) => new VendorError(404, "NOT_FOUND", `${what} was not found.`),
  forbidden: (message: string) => new VendorError(403, "FORBIDDEN", message),
  pairingFailed: (status: number, code: string, reason: string) =>
    new VendorError(status, code, "Couldn't pair your vehicle. Please try again.", {}, { reason }),
};
