import { describe, expect, it } from "vitest";
import {
  classifyError,
  explainClassification,
  type ClassifyContext,
} from "@/lib/diagnosis/classifier";
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";
import { incidentSignature } from "@/lib/incidents/signature";

const topCause = (errorString: string, context?: ClassifyContext) =>
  classifyError({ errorString, context }).causes[0]!;

// Error strings as different apps, SDKs and languages word them; each must rank its cause first.
const RECOGNISED: Record<CauseId, string[]> = {
  subscription_inactive: [
    "Your Connected Services subscription has expired. Renew it in the app to keep using Remote Connect.",
    "403 SUBSCRIPTION_EXPIRED: remote services trial ended on 2026-03-01",
    '{"code":"SUB-1002","message":"No active subscription for this vehicle"}',
    "Remote start unavailable: the Remote Connect plan is inactive",
    "Payment declined for Drive Connect renewal; service suspended",
    "Your free trial is over. Subscribe to continue using remote features.",
    "Please update your payment method to restore Connected Services",
    "Your vehicle does not have an active data plan",
  ],
  account_auth: [
    'HTTP 401 {"error":"invalid_grant","error_description":"Refresh token expired"}',
    "TokenExpiredError: jwt expired",
    "JWSSignatureVerificationFailed: signature verification failed",
    "Login failed: incorrect email or password",
    "Your session has expired. Please sign in again.",
    "NotAuthorizedException: Refresh Token has been revoked",
    "Please verify your email address before using remote services",
    'JWKSNoMatchingKey: no applicable key found in the JSON Web Key Set (kid "k-2026-04" not found)',
    "Request failed with status code 401",
    "com.auth0.jwt.exceptions.TokenExpiredException: The Token has expired on 2026-05-02T10:00:00Z",
    "UserNotConfirmedException: User is not confirmed.",
    "AADSTS70008: The provided authorization code or refresh token has expired due to inactivity",
    "The remote server returned an error: (401) Unauthorized.",
  ],
  missing_scope: [
    'HTTP 403 WWW-Authenticate: Bearer error="insufficient_scope", scope="vehicle:commands"',
    "403 Forbidden: token is missing the required scope remote:start",
    "INSUFFICIENT_ACCESS_OR_READONLY: insufficient access rights on object id",
    '{"error":"invalid_scope","error_description":"The requested scope is invalid, unknown, or malformed"}',
    "AccessDeniedException: User is not authorized to perform this operation: permission vehicle.lock missing",
    "Forbidden: read-only token cannot issue commands",
    "PERMISSION_DENIED: The caller does not have permission",
    "AADSTS65001: The user or administrator has not consented to use the application",
  ],
  vehicle_not_linked: [
    "Couldn't pair your vehicle. Please try again.",
    "VIN mismatch: the VIN entered does not match the vehicle on this account",
    "Vehicle not found on this account",
    "403 NOT_PRIMARY_DRIVER: only the vehicle's primary driver can enable remote services",
    "This vehicle is already registered to another account",
    "404 Not Found: no vehicle with VIN 5TDGZRBH0MS000001",
    "Ownership transfer pending: vehicle sold to a new owner",
    "User is not associated with this vehicle",
  ],
  app_version: [
    "HTTP 426 Upgrade Required: please update the app to version 5.2 or later",
    "This version of the app is no longer supported. Update from the App Store.",
    "400 UNSUPPORTED_API_VERSION: api version 2023-01-15 is not supported",
    "410 Gone: API version v1 was sunset on 2026-01-31",
    "Deprecation: the /v2/remote endpoint is deprecated; migrate to /v3",
    "Fatal Exception: java.lang.NullPointerException at com.toyota.oneapp.remote.RemoteFragment.onResume",
    "Remote start stopped working after the app update to 4.12",
    "DecodingError.keyNotFound: failed to decode the response body, unexpected field engineStatus",
    "Please update to the latest version of the Toyota app",
  ],
  vehicle_connectivity: [
    "Vehicle is not responding. Make sure it is in an area with good cellular reception.",
    "Remote command timed out: TCU did not acknowledge engine_start within 90s",
    "DCM unreachable (vehicle asleep); wake-up SMS failed",
    "Your vehicle's 3G network was sunset; a modem upgrade is required for Remote Connect",
    "status: 504 command engine_start timed out after 30000ms on unit TCU-213",
    "Door lock request still pending: vehicle offline, last seen 3 days ago",
    "Telematics unit lost connection; vehicle parked in an underground garage",
    "Sorry, we couldn't reach your vehicle.",
    "Request timed out while waiting for the vehicle to respond",
  ],
  phone_network: [
    'Error Domain=NSURLErrorDomain Code=-1009 "The Internet connection appears to be offline."',
    "getaddrinfo ENOTFOUND api.telematics.example.com",
    'java.net.UnknownHostException: Unable to resolve host "api.example.com": No address associated with hostname',
    "TypeError: Network request failed",
    "FetchError: request to https://api.example.com/v1/vehicles failed, reason: socket hang up",
    "javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.",
    "Error: connect ECONNREFUSED 10.0.0.5:443 (corporate proxy)",
    "net::ERR_INTERNET_DISCONNECTED",
    "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v1/token (Caused by NewConnectionError('Failed to establish a new connection: [Errno -3] Temporary failure in name resolution'))",
    'Post "https://api.example.com/v1/commands": dial tcp 52.1.2.3:443: i/o timeout',
    "Error: self signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN)",
    "SocketException: Failed host lookup: 'api.example.com' (OS Error: No address associated with hostname, errno = 7)",
    "AxiosError: Network Error",
    "The network connection was lost.",
    "curl: (6) Could not resolve host: api.example.com",
  ],
  server_outage: [
    "HTTP/1.1 503 Service Unavailable",
    "502 Bad Gateway",
    "504 Gateway Time-out from the vendor's edge",
    "Connected Services is down for scheduled maintenance. Please try again later.",
    "Internal Server Error (500): an unexpected error occurred",
    "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
    "HTTP Error 503: Service Temporarily Unavailable",
    "We're experiencing an outage affecting remote commands",
    "curl: (52) Empty reply from server",
    "Service temporarily unavailable in the us-east-1 region",
  ],
  rate_limited: [
    "HTTP 429 Too Many Requests",
    '{"error":"rate_limit_exceeded","message":"Rate limit exceeded. Retry-After: 30"}',
    "ThrottlingException: Rate exceeded",
    "Quota exceeded for quota metric 'Requests' and limit 'Requests per day'",
    "RESOURCE_EXHAUSTED: quota exhausted for tenant fleetco",
    "Maximum number of remote starts reached for today",
    "License seat limit reached: no available seats for new devices",
    "botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the Invoke operation: Rate exceeded",
    "Remote start limit reached, drive the vehicle to reset",
  ],
  region_unavailable: [
    "Remote Connect is not available in your country",
    "FEATURE_NOT_AVAILABLE_IN_REGION: remote climate is not offered for vehicles in the EU market",
    "451 Unavailable For Legal Reasons",
    "This feature is not supported for your vehicle model",
    "Service not offered in this region",
    "Digital key is only available in the United States",
    "Drive Pulse is not supported for hybrid models",
    "This vehicle is not eligible for Remote Connect",
  ],
};

describe("classifyError recognises each cause", () => {
  for (const [cause, errorStrings] of Object.entries(RECOGNISED)) {
    for (const errorString of errorStrings) {
      it(`ranks ${cause} first for: ${errorString.slice(0, 90)}`, () => {
        expect(topCause(errorString).cause).toBe(cause);
      });
    }
  }
});

describe("classifyError lets context settle ambiguous errors", () => {
  it("reads a 403 naming a scope as a missing scope and one naming the subscription as inactive", () => {
    expect(topCause("403 Forbidden: scope remote:engine required").cause).toBe("missing_scope");
    expect(topCause("403 Forbidden: subscription inactive").cause).toBe("subscription_inactive");
    expect(
      topCause("Forbidden", { httpStatus: 403, notes: "owner's trial ended last week" }).cause,
    ).toBe("subscription_inactive");
  });

  it("takes a bare timeout as vehicle, phone or vendor depending on what timed out", () => {
    const bare = classifyError({ errorString: "Request failed: timeout" });
    expect(bare.causes[0]!.confidence).toBeLessThan(0.35);
    expect(topCause("timeout", { httpStatus: 504 }).cause).toBe("server_outage");
    expect(topCause("Gateway timeout").cause).toBe("server_outage");
    expect(topCause("timeout: remote start command was never acknowledged by the TCU").cause).toBe(
      "vehicle_connectivity",
    );
    expect(topCause("timeout of 15000ms exceeded").cause).toBe("phone_network");
    expect(topCause("The request timed out.").cause).toBe("phone_network");
  });

  it("uses the context's status when the text has none", () => {
    expect(topCause("Couldn't complete the request", { httpStatus: 429 }).cause).toBe(
      "rate_limited",
    );
    expect(topCause("Couldn't complete the request", { httpStatus: 401 }).cause).toBe(
      "account_auth",
    );
    expect(topCause("Couldn't complete the request", { httpStatus: 426 }).cause).toBe(
      "app_version",
    );
    expect(topCause("Couldn't complete the request", { httpStatus: 451 }).cause).toBe(
      "region_unavailable",
    );
    expect(topCause("Couldn't complete the request", { httpStatus: 503 }).cause).toBe(
      "server_outage",
    );
  });

  it("prefers the context's status over a status named in the text", () => {
    expect(
      explainClassification({ errorString: "HTTP 500", context: { httpStatus: 429 } }).httpStatus,
    ).toBe(429);
    expect(explainClassification({ errorString: "upstream answered status: 503" }).httpStatus).toBe(
      503,
    );
  });

  it("reads notes as evidence", () => {
    expect(
      topCause("Authorization failed", {
        notes: "vehicle parked in an underground garage, weak signal",
      }).cause,
    ).toBe("vehicle_connectivity");
    // The field reports tie "Authorization failed" to login trouble, so a VPN in the notes
    // raises the caller's network clearly rather than overturning that reading.
    const phoneNetwork = (notes?: string) =>
      classifyError({ errorString: "Authorization failed", context: { notes } }).causes.find(
        (item) => item.cause === "phone_network",
      )!.confidence;
    expect(phoneNetwork("customer is on a corporate VPN")).toBeGreaterThan(
      1.5 * phoneNetwork(undefined),
    );
  });

  it("leans to region when a region is recorded and something is unavailable", () => {
    const withRegion = classifyError({
      errorString: "Remote climate unavailable",
      context: { region: "EU" },
    });
    const without = classifyError({ errorString: "Remote climate unavailable" });
    const regionConfidence = (result: typeof without) =>
      result.causes.find((item) => item.cause === "region_unavailable")!.confidence;
    expect(regionConfidence(withRegion)).toBeGreaterThan(regionConfidence(without));
  });

  it("does not take a 3G network sunset for an API sunset", () => {
    expect(topCause("3G network sunset: vehicle can no longer connect").cause).toBe(
      "vehicle_connectivity",
    );
    expect(topCause("API version 2022-06-01 sunset").cause).toBe("app_version");
  });

  it("does not take a region-wide unavailability for an outage", () => {
    expect(topCause("Service unavailable in your region").cause).toBe("region_unavailable");
  });

  it("counts a green status page against a vendor outage", () => {
    const outage = (notes?: string) =>
      classifyError({ errorString: "Internal Server Error", context: { notes } }).causes.find(
        (item) => item.cause === "server_outage",
      )!.confidence;
    expect(outage("status page shows all systems operational")).toBeLessThan(outage());
  });

  it("keeps 'Authorization failed' alone a weak, unsure lean", () => {
    const result = classifyError({ errorString: "Authorization failed" });
    expect(result.causes[0]!.cause).toBe("account_auth");
    expect(result.causes[0]!.confidence).toBeLessThan(0.4);
  });
});

describe("classifyError without evidence", () => {
  it.each([
    "Something went wrong",
    "Error",
    "xyzzy 42",
    "Unable to complete your request at this moment",
  ])("stays unsure for %j", (errorString) => {
    const { causes } = classifyError({ errorString });
    expect(causes[0]!.confidence).toBeLessThan(0.3);
    expect(causes.at(-1)!.confidence).toBeGreaterThan(0.05);
  });
});

describe("classifyError output", () => {
  const samples = [
    ...Object.values(RECOGNISED).flat(),
    "Something went wrong",
    "x".repeat(200_000),
    `Error: ECONNRESET\n${"    at frame (file.js:1:1)\n".repeat(5_000)}Caused by: java.net.UnknownHostException`,
  ];

  it("lists all ten causes once, highest first, with confidences in [0, 1] summing to 1", () => {
    for (const errorString of samples) {
      const { causes } = classifyError({ errorString });
      expect(causes.map((item) => item.cause).sort()).toEqual([...CAUSE_IDS].sort());
      for (const [index, item] of causes.entries()) {
        expect(item.confidence).toBeGreaterThanOrEqual(0);
        expect(item.confidence).toBeLessThanOrEqual(1);
        if (index > 0) expect(item.confidence).toBeLessThanOrEqual(causes[index - 1]!.confidence);
      }
      expect(Math.abs(causes.reduce((sum, item) => sum + item.confidence, 0) - 1)).toBeLessThan(
        1e-9,
      );
    }
  });

  it("gives the incident signature of the error string", () => {
    const errorString = "HTTP 401 invalid_token for VIN JTMBFREV0HD123456 at 2026-11-20T10:01:02Z";
    expect(classifyError({ errorString }).signature).toBe(incidentSignature(errorString));
  });

  it("is deterministic", () => {
    const input = {
      errorString: "status: 504 command engine_start timed out",
      context: { httpStatus: 504, region: "US" },
    };
    expect(classifyError(input)).toEqual(classifyError(input));
  });

  it("still reads the root cause at the end of a very long stack trace", () => {
    expect(topCause(samples.at(-1)!).cause).toBe("phone_network");
  });
});

describe("explainClassification", () => {
  it("returns the rules that fired, with their cause, weight and reason", () => {
    const { matches, causes } = explainClassification({
      errorString: "HTTP 429 Too Many Requests; Retry-After: 30",
    });
    expect(causes[0]!.cause).toBe("rate_limited");
    expect(matches.map((match) => match.id)).toEqual(
      expect.arrayContaining(["status-429", "too-many-requests", "retry-after"]),
    );
    for (const match of matches) {
      expect(match.why.length).toBeGreaterThan(10);
      expect(Number.isFinite(match.weight)).toBe(true);
    }
  });

  it("returns no matches when nothing in the text is evidence", () => {
    expect(explainClassification({ errorString: "Something went wrong" }).matches).toEqual([]);
  });

  it("ranks exactly as classifyError does", () => {
    const input = { errorString: "VIN mismatch", context: { httpStatus: 403 } };
    expect(explainClassification(input).causes).toEqual(classifyError(input).causes);
  });
});
