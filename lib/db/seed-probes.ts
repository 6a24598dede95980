import "server-only";
// Demo probe history: per-minute roll-ups for as far back as retention keeps them, with the
// demo incidents' outages and 429 bursts in them and the endpoint state changes they caused,
// so the probes page and every recent demo incident have a vendor panel worth reading.
import type { IncidentInput } from "@/lib/incidents/schema";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import { PROBE_ENDPOINTS } from "@/lib/probes/catalogue";
import { ALL_ENDPOINTS, MINUTE_MS, minuteOf, type MinuteAggregate } from "@/lib/probes/rollup";
import { upsertProbeMinutes } from "@/lib/probes/store";
import { db } from "./client";

const BATCH = 2_000;
// Four endpoints probed every 30 s.
const PROBES_PER_MINUTE = 8;
const OUTAGE = { beforeMs: 15 * MINUTE_MS, afterMs: 25 * MINUTE_MS };
const BURST = { beforeMs: 10 * MINUTE_MS, afterMs: 10 * MINUTE_MS };

type Window = { environment: string; from: number; to: number };

const windowsOf = (
  incidents: readonly IncidentInput[],
  matches: (status: number | null | undefined) => boolean,
  span: { beforeMs: number; afterMs: number },
): Window[] =>
  incidents
    .filter((incident) => matches(incident.httpStatus))
    .map((incident) => ({
      environment: incident.environment,
      from: minuteOf(incident.occurredAt.getTime() - span.beforeMs).getTime(),
      to: minuteOf(incident.occurredAt.getTime() + span.afterMs).getTime(),
    }));

const inside = (windows: readonly Window[], environment: string, t: number) =>
  windows.some(
    (window) => window.environment === environment && t >= window.from && t <= window.to,
  );

/** One environment's minute: a daily swell in latency, outages all failures, bursts of 429s. */
function demoMinute(
  environment: string,
  t: number,
  outages: readonly Window[],
  bursts: readonly Window[],
): MinuteAggregate {
  const hour = new Date(t).getUTCHours();
  const swell = 1 + 0.4 * Math.sin(((hour - 6) / 24) * 2 * Math.PI);
  const jitter = ((t / MINUTE_MS) * 7919) % 23;
  const p50 = Math.round(70 * swell + jitter);
  if (inside(outages, environment, t))
    return {
      environment,
      endpoint: ALL_ENDPOINTS,
      minute: new Date(t),
      count: PROBES_PER_MINUTE,
      errors: PROBES_PER_MINUTE / 2,
      status429: 0,
      status5xx: PROBES_PER_MINUTE / 2,
      failures: PROBES_PER_MINUTE,
      p50Ms: 12,
      p95Ms: 7_500,
      p99Ms: 7_500,
      maxMs: 7_500,
      minRemaining: null,
    };
  const limited = inside(bursts, environment, t) ? 3 + (jitter % 4) : 0;
  return {
    environment,
    endpoint: ALL_ENDPOINTS,
    minute: new Date(t),
    count: PROBES_PER_MINUTE,
    errors: 0,
    status429: limited,
    status5xx: 0,
    failures: 0,
    p50Ms: p50,
    p95Ms: Math.round(p50 * 2.4),
    p99Ms: Math.round(p50 * 3.6),
    maxMs: Math.round(p50 * 4),
    minRemaining: limited ? 0 : 12,
  };
}

/** Writes the demo minutes for the last `days` and the outages' state changes, in batches. */
export async function seedDemoProbeHistory(
  incidents: readonly IncidentInput[],
  now: Date,
  days: number,
): Promise<number> {
  const outages = windowsOf(incidents, (status) => (status ?? 0) >= 500, OUTAGE);
  const bursts = windowsOf(incidents, (status) => status === 429, BURST);
  const last = minuteOf(now).getTime() - MINUTE_MS;
  const first = last - days * 86_400_000 + MINUTE_MS;
  let rows: MinuteAggregate[] = [];
  let written = 0;
  for (let t = first; t <= last; t += MINUTE_MS) {
    for (const environment of ENVIRONMENTS) rows.push(demoMinute(environment, t, outages, bursts));
    if (rows.length >= BATCH || t === last) {
      await upsertProbeMinutes(rows);
      written += rows.length;
      rows = [];
    }
  }
  const changes = outages
    .filter((outage) => outage.to >= first)
    .flatMap((outage) =>
      PROBE_ENDPOINTS.flatMap((endpoint) => [
        {
          environment: outage.environment,
          endpoint: endpoint.id,
          state: "down",
          previous: "up",
          at: new Date(outage.from + MINUTE_MS),
          lastStatus: 503,
          failureShare: 1,
        },
        {
          environment: outage.environment,
          endpoint: endpoint.id,
          state: "up",
          previous: "down",
          at: new Date(outage.to + MINUTE_MS),
          lastStatus: 200,
          failureShare: 0,
        },
      ]),
    );
  await db.probeStateChange.createMany({ data: changes });
  return written;
}
