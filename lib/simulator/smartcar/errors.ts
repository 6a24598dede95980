// The Smartcar face's errors: Smartcar's v2.0 envelope (type, code, description, docURL,
// statusCode, requestId, resolution, suggestedUserMessage, detail), which the official SDK reads
// into a SmartcarError. Descriptions are our own words; types, codes and statuses are Smartcar's.

export const RESOLUTIONS = ["RETRY_LATER", "REAUTHENTICATE", "CONTACT_SUPPORT"] as const;
export type Resolution = (typeof RESOLUTIONS)[number] | null;

export type SmartcarErrorSpec = {
  type: string;
  code: string | null;
  statusCode: number;
  resolution: Resolution;
  description: string;
  suggestedUserMessage: string;
};

export type SmartcarErrorBody = {
  type: string;
  code: string | null;
  description: string;
  docURL: string;
  statusCode: number;
  requestId: string;
  resolution: { type: Resolution; url: string | null };
  suggestedUserMessage: string;
  detail?: Array<Record<string, unknown>>;
};

// Smartcar groups its error pages by type; the anchor is the code.
const DOC_PAGES: Record<string, string> = {
  AUTHENTICATION: "other-errors",
  BILLING: "billing-errors",
  COMPATIBILITY: "compatibility-errors",
  CONNECTED_SERVICES_ACCOUNT: "connected-services-account-errors",
  PERMISSION: "other-errors",
  RATE_LIMIT: "rate-limit-errors",
  RESOURCE_NOT_FOUND: "resource-not-found-errors",
  SERVER: "server-errors",
  UPSTREAM: "upstream-errors",
  VALIDATION: "other-errors",
  VEHICLE_STATE: "vehicle-state-errors",
};

export function docUrlOf(type: string, code: string | null): string {
  const page = DOC_PAGES[type] ?? "other-errors";
  const anchor = (code ?? type).toLowerCase().replace(/_/g, "-");
  return `https://smartcar.com/docs/errors/api-errors/${page}#${anchor}`;
}

export class SmartcarApiError extends Error {
  constructor(
    readonly spec: SmartcarErrorSpec,
    readonly headers: Record<string, string> = {},
    readonly detail?: Array<Record<string, unknown>>,
    readonly resolutionUrl: string | null = null,
  ) {
    super(spec.description);
    this.name = "SmartcarApiError";
  }

  body(requestId: string): SmartcarErrorBody {
    return {
      type: this.spec.type,
      code: this.spec.code,
      description: this.spec.description,
      docURL: docUrlOf(this.spec.type, this.spec.code),
      statusCode: this.spec.statusCode,
      requestId,
      resolution: { type: this.spec.resolution, url: this.resolutionUrl },
      suggestedUserMessage: this.spec.suggestedUserMessage,
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }
}

const TRY_AGAIN = "Your car can't be reached from this app right now. Please try again later.";

/** Errors of the face itself, not caused by a fault (those are in fault-errors.ts). */
export const smartcarErrors = {
  authentication: (description: string) =>
    new SmartcarApiError({
      type: "AUTHENTICATION",
      code: null,
      statusCode: 401,
      resolution: "REAUTHENTICATE",
      description,
      suggestedUserMessage: "Please reconnect your car to this app.",
    }),
  validation: (description: string, detail?: Array<Record<string, unknown>>, status = 400) =>
    new SmartcarApiError(
      {
        type: "VALIDATION",
        code: detail ? "PARAMETER" : null,
        statusCode: status,
        resolution: null,
        description,
        suggestedUserMessage: TRY_AGAIN,
      },
      {},
      detail,
    ),
  pathNotFound: (method: string, path: string) =>
    new SmartcarApiError({
      type: "RESOURCE_NOT_FOUND",
      code: "PATH",
      statusCode: 404,
      resolution: null,
      description: `Nothing is served at ${method} ${path}; check the path and the HTTP method.`,
      suggestedUserMessage: TRY_AGAIN,
    }),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new SmartcarApiError(
      {
        type: "RESOURCE_NOT_FOUND",
        code: "PATH",
        statusCode: 405,
        resolution: null,
        description: `${path} does not take ${method}; it takes ${allowed.join(", ")}.`,
        suggestedUserMessage: TRY_AGAIN,
      },
      { allow: allowed.join(", ") },
    ),
  vehicleNotCapable: (what: string) =>
    new SmartcarApiError({
      type: "COMPATIBILITY",
      code: "VEHICLE_NOT_CAPABLE",
      statusCode: 501,
      resolution: null,
      description: `This vehicle has no ${what} to report.`,
      suggestedUserMessage: "Your car does not support this feature.",
    }),
  internal: () =>
    new SmartcarApiError({
      type: "SERVER",
      code: "INTERNAL",
      statusCode: 500,
      resolution: "RETRY_LATER",
      description: "Something failed inside the simulated platform.",
      suggestedUserMessage: TRY_AGAIN,
    }),
};

/** OAuth endpoints answer RFC 6749 errors, which the SDK also turns into a SmartcarError. */
export class SmartcarOAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = "SmartcarOAuthError";
  }
}

/** Connect's own failures (unknown client, unregistered redirect URI) are pages, never redirects. */
export class ConnectPageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = "ConnectPageError";
  }
}
