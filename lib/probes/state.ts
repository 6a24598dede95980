// An endpoint's state from its last probe results: the on-caller's "is the vendor up?". A fast
// 503 is a failure like a timeout; a 429 is charted on its own and never makes an endpoint
// look down, since the vendor answered (it is the quota, not the service, that is exhausted).
import { isProbeFailure, measuresLatency, reachedEndpoint, type ProbeResult } from "./outcome";
import { percentile } from "./rollup";

export const PROBE_STATES = ["up", "degraded", "down", "unknown"] as const;
export type ProbeState = (typeof PROBE_STATES)[number];

/** How many of an endpoint's newest results its state is read from. */
export const STATE_WINDOW = 10;

export type ProbeThresholds = {
  /** Down after this many failures in a row at the newest end of the window. */
  downAfterFailures: number;
  /** Degraded when at least this percentage of the window failed. */
  degradedFailurePct: number;
  /** Degraded when the window's p95 latency exceeds this. */
  degradedP95Ms: number;
};

export type EndpointState = { state: ProbeState; failureShare: number | null };

/** The state of an endpoint from its results, oldest first; only the last STATE_WINDOW count. */
export function endpointState(
  results: readonly ProbeResult[],
  thresholds: ProbeThresholds,
): EndpointState {
  const window = results.filter(reachedEndpoint).slice(-STATE_WINDOW);
  if (window.length === 0) return { state: "unknown", failureShare: null };
  const failures = window.map(isProbeFailure);
  const failureShare = failures.filter(Boolean).length / window.length;
  const trailing = failures.length - failures.lastIndexOf(false) - 1;
  if (trailing >= thresholds.downAfterFailures) return { state: "down", failureShare };
  const latencies = window
    .filter(measuresLatency)
    .map((result) => result.latencyMs)
    .sort((a, b) => a - b);
  const p95 = percentile(latencies, 0.95);
  const degraded =
    failureShare * 100 >= thresholds.degradedFailurePct ||
    (p95 !== null && p95 > thresholds.degradedP95Ms);
  return { state: degraded ? "degraded" : "up", failureShare };
}
