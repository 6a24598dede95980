// What one probe result says about its endpoint: whether it reached it, whether it failed, and
// whether its latency means anything. Shared by the per-minute roll-up and endpoint states.

export type ProbeResult = { status: number; latencyMs: number; errorKind: string | null };

/** A probe that never reached the endpoint (no credentials to call it with) says nothing of it. */
export const reachedEndpoint = (result: ProbeResult) => result.errorKind !== "credentials";

/**
 * 5xx, timeouts, transport errors, garbage bodies and other non-2xx answers. Not a 429: the
 * vendor answered, and 429s are charted on their own.
 */
export const isProbeFailure = (result: ProbeResult) =>
  reachedEndpoint(result) &&
  result.status !== 429 &&
  (result.errorKind !== null || result.status < 200 || result.status >= 300);

// A refused or reset connection fails in a millisecond: counting that as latency would pull the
// percentiles down exactly when the vendor is worst. A timeout stays in: its latency is a floor
// on the real one.
export const measuresLatency = (result: ProbeResult) =>
  result.status > 0 || result.errorKind === "timeout";
