// Per-minute roll-up of probe samples: pure math, shared by the stored roll-up and the live
// (not yet rolled up) tail of a chart so both agree to the millisecond.
import { isProbeFailure, measuresLatency } from "./outcome";

export const MINUTE_MS = 60_000;
/** The endpoint name of an environment's all-endpoints row, so its percentiles are exact, not averaged. */
export const ALL_ENDPOINTS = "*";

export type RollupSample = {
  environment: string;
  endpoint: string;
  sentAt: Date;
  status: number;
  latencyMs: number;
  rateLimitRemaining: number | null;
  errorKind: string | null;
};

export type MinuteAggregate = {
  environment: string;
  endpoint: string;
  minute: Date;
  count: number;
  errors: number;
  status429: number;
  status5xx: number;
  failures: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  minRemaining: number | null;
};

export const minuteOf = (time: Date | number) =>
  new Date(Math.floor(new Date(time).getTime() / MINUTE_MS) * MINUTE_MS);

/** Nearest-rank percentile of ascending values (q in 0..1). */
export function percentile(sortedAsc: readonly number[], q: number): number | null {
  if (sortedAsc.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sortedAsc.length));
  return sortedAsc[rank - 1]!;
}

export function aggregate(
  environment: string,
  endpoint: string,
  minute: Date,
  samples: readonly RollupSample[],
): MinuteAggregate {
  const latencies = samples
    .filter(measuresLatency)
    .map((sample) => sample.latencyMs)
    .sort((a, b) => a - b);
  const remaining = samples.flatMap((sample) =>
    sample.rateLimitRemaining === null ? [] : [sample.rateLimitRemaining],
  );
  return {
    environment,
    endpoint,
    minute,
    count: samples.length,
    errors: samples.filter((sample) => sample.errorKind !== null).length,
    status429: samples.filter((sample) => sample.status === 429).length,
    status5xx: samples.filter((sample) => sample.status >= 500).length,
    failures: samples.filter(isProbeFailure).length,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? null,
    minRemaining: remaining.length ? Math.min(...remaining) : null,
  };
}

/** One aggregate per (environment, endpoint, minute), plus one per (environment, minute) over all endpoints. */
export function aggregateMinutes(samples: readonly RollupSample[]): MinuteAggregate[] {
  const groups = new Map<
    string,
    { environment: string; endpoint: string; minute: Date; samples: RollupSample[] }
  >();
  const add = (environment: string, endpoint: string, minute: Date, sample: RollupSample) => {
    const key = `${environment}\u0000${endpoint}\u0000${minute.getTime()}`;
    const group = groups.get(key) ?? { environment, endpoint, minute, samples: [] };
    group.samples.push(sample);
    groups.set(key, group);
  };
  for (const sample of samples) {
    const minute = minuteOf(sample.sentAt);
    add(sample.environment, sample.endpoint, minute, sample);
    add(sample.environment, ALL_ENDPOINTS, minute, sample);
  }
  return [...groups.values()]
    .map((group) => aggregate(group.environment, group.endpoint, group.minute, group.samples))
    .sort(
      (a, b) =>
        a.minute.getTime() - b.minute.getTime() ||
        a.environment.localeCompare(b.environment) ||
        a.endpoint.localeCompare(b.endpoint),
    );
}
