// The vendor endpoints a probe can call, per environment. Pure data (no database), so the
// config form and the page can list them too. `needsAccount` endpoints are called the way the
// tenant's app calls them: its API key, the pinned API version and an account's bearer token.
import { z } from "zod";
import { ENVIRONMENTS, type Environment } from "@/lib/incidents/schema";

/** Probes run in each of the vendor's environments. */
export type ProbeEnvironment = Environment;

/** The API version probes pin: the vendor's current one, as the tenant's apps send it. */
export const PROBE_API_VERSION = "2025-09-01";

export type ProbeEndpoint = {
  id: string;
  label: string;
  path: string;
  needsAccount: boolean;
  /** What a 2xx body must look like; anything else is recorded as garbage. */
  body: z.ZodType;
};

export const PROBE_ENDPOINTS = [
  {
    id: "status",
    label: "Status page",
    path: "/status",
    needsAccount: false,
    body: z.object({ status: z.string() }),
  },
  {
    id: "jwks",
    label: "Signing keys (JWKS)",
    path: "/.well-known/jwks.json",
    needsAccount: false,
    body: z.object({ keys: z.array(z.unknown()) }),
  },
  {
    id: "v1.account",
    label: "Account",
    path: "/v1/account",
    needsAccount: true,
    body: z.object({ id: z.string() }),
  },
  {
    id: "v1.vehicles",
    label: "Vehicles",
    path: "/v1/vehicles",
    needsAccount: true,
    body: z.object({ vehicles: z.array(z.unknown()) }),
  },
] as const satisfies readonly ProbeEndpoint[];

export type ProbeEndpointId = (typeof PROBE_ENDPOINTS)[number]["id"];
export const PROBE_ENDPOINT_IDS = PROBE_ENDPOINTS.map((endpoint) => endpoint.id) as [
  ProbeEndpointId,
  ...ProbeEndpointId[],
];

export const probeEndpoint = (id: ProbeEndpointId): ProbeEndpoint =>
  PROBE_ENDPOINTS.find((endpoint) => endpoint.id === id)!;

/** Why a probe got no usable answer; null when it did. */
export const PROBE_ERROR_KINDS = [
  "timeout",
  "connection_refused",
  "connection_reset",
  "dns",
  "network",
  "garbage",
  "credentials",
] as const;
export type ProbeErrorKind = (typeof PROBE_ERROR_KINDS)[number];

export const isProbeEnvironment = (value: string): value is ProbeEnvironment =>
  (ENVIRONMENTS as readonly string[]).includes(value);
