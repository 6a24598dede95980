import "server-only";
// Probe data access: raw samples, their per-minute roll-up, retention, and the reads the
// probes page and the incident page chart from.
import { z } from "zod";
import { db, Prisma } from "@/lib/db/client";
import { columnList, onConflictUpdate, sqlTime } from "@/lib/db/dialect";
import { leaseHolder } from "@/lib/jobs/lease";
import { lastFinishedRun } from "@/lib/jobs/scheduled-runs";
import { latencySeries, type ChartMarker, type LatencySeries } from "@/lib/charts/series";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import { enqueueWebhookEvent } from "@/lib/webhooks/outbox";
import { probeStateEvent } from "./alerts";
import { PROBE_ENDPOINTS, type ProbeEnvironment } from "./catalogue";
import type { ProbeRetention } from "./config";
import { loadProbeConfig } from "./config-store";
import type { ProbeSampleInput } from "./probe";
import { endpointState, STATE_WINDOW, type ProbeState, type ProbeThresholds } from "./state";
import { INCIDENT_WINDOW } from "./range";
import {
  aggregate,
  aggregateMinutes,
  ALL_ENDPOINTS,
  MINUTE_MS,
  minuteOf,
  type MinuteAggregate,
} from "./rollup";

// Minutes already rolled up are recomputed for this long, so a sample written after its
// minute ended (a probe that was still waiting for its timeout) still lands in the aggregate.
const SETTLE_MS = 10 * MINUTE_MS;
const UPSERT_BATCH = 200;

export async function recordProbeSamples(samples: readonly ProbeSampleInput[]): Promise<void> {
  if (samples.length) await db.probeSample.createMany({ data: [...samples] });
}

const PROBE_MINUTE_COLUMNS = [
  "environment",
  "endpoint",
  "minute",
  "count",
  "errors",
  "status429",
  "status5xx",
  "failures",
  "p50Ms",
  "p95Ms",
  "p99Ms",
  "maxMs",
  "minRemaining",
];

/** Writes per-minute rows, replacing any already there for the same endpoint and minute. */
export async function upsertProbeMinutes(rows: readonly MinuteAggregate[]): Promise<void> {
  for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
    const values = rows.slice(start, start + UPSERT_BATCH).map(
      (
        row,
      ) => Prisma.sql`(${row.environment}, ${row.endpoint}, ${sqlTime(row.minute)}, ${row.count}, ${row.errors}, ${row.status429}, ${row.status5xx}, ${row.failures},
        ${row.p50Ms}, ${row.p95Ms}, ${row.p99Ms}, ${row.maxMs}, ${row.minRemaining})`,
    );
    await db.$executeRaw`INSERT INTO "ProbeMinute" (${columnList(PROBE_MINUTE_COLUMNS)})
      VALUES ${Prisma.join(values)}
      ${onConflictUpdate(["environment", "endpoint", "minute"], PROBE_MINUTE_COLUMNS)}`;
  }
}

const rollupFields = {
  environment: true,
  endpoint: true,
  sentAt: true,
  status: true,
  latencyMs: true,
  rateLimitRemaining: true,
  errorKind: true,
} as const;

/**
 * Rolls every minute that has ended (before `now`'s minute) into ProbeMinute, recomputing the
 * last few from the raw samples. Running it twice changes nothing: rows are upserted from the
 * same samples. Returns the instant up to which samples are rolled up.
 */
export async function rollUpProbeMinutes(
  now: Date,
): Promise<{ minutes: number; rolledThrough: Date }> {
  const rolledThrough = minuteOf(now);
  const [latest, earliestRaw] = await Promise.all([
    db.probeMinute.findFirst({ orderBy: { minute: "desc" }, select: { minute: true } }),
    db.probeSample.findFirst({ orderBy: { sentAt: "asc" }, select: { sentAt: true } }),
  ]);
  if (!earliestRaw) return { minutes: 0, rolledThrough };
  const since = latest
    ? new Date(Math.max(earliestRaw.sentAt.getTime(), latest.minute.getTime() - SETTLE_MS))
    : minuteOf(earliestRaw.sentAt);
  const samples = await db.probeSample.findMany({
    where: { sentAt: { gte: since, lt: rolledThrough } },
    select: rollupFields,
  });
  const rows = aggregateMinutes(samples);
  await upsertProbeMinutes(rows);
  return { minutes: rows.length, rolledThrough };
}

/**
 * Deletes raw samples past their retention that are already rolled up, and per-minute rows
 * past theirs. Never deletes a raw sample whose minute has no aggregate yet.
 */
export async function pruneProbeData(
  now: Date,
  retention: ProbeRetention,
  rolledThrough: Date,
): Promise<{ samples: number; minutes: number }> {
  const rawCutoff = new Date(
    Math.min(now.getTime() - retention.rawHours * 3_600_000, rolledThrough.getTime()),
  );
  const minuteCutoff = new Date(now.getTime() - retention.minuteDays * 86_400_000);
  const [samples, minutes] = await Promise.all([
    db.probeSample.deleteMany({ where: { sentAt: { lt: rawCutoff } } }),
    db.probeMinute.deleteMany({ where: { minute: { lt: minuteCutoff } } }),
  ]);
  return { samples: samples.count, minutes: minutes.count };
}

export type ProbeSeriesQuery = {
  environment: ProbeEnvironment;
  endpoint?: string;
  from: Date;
  to: Date;
  markers?: ChartMarker[];
};

/** Per-minute buckets for a range: rolled-up minutes, then the minutes not rolled up yet from raw samples. */
export async function probeMinutes(
  query: Omit<ProbeSeriesQuery, "markers">,
): Promise<MinuteAggregate[]> {
  const endpoint = query.endpoint ?? ALL_ENDPOINTS;
  const rolled = await db.probeMinute.findMany({
    where: {
      environment: query.environment,
      endpoint,
      minute: { gte: minuteOf(query.from), lte: query.to },
    },
    orderBy: { minute: "asc" },
  });
  const liveFrom = rolled.length
    ? new Date(rolled.at(-1)!.minute.getTime() + MINUTE_MS)
    : query.from;
  const raw = await db.probeSample.findMany({
    where: {
      environment: query.environment,
      ...(query.endpoint ? { endpoint: query.endpoint } : {}),
      sentAt: { gte: liveFrom, lte: query.to },
    },
    select: rollupFields,
  });
  const live = new Map<number, typeof raw>();
  for (const sample of raw) {
    const minute = minuteOf(sample.sentAt).getTime();
    live.set(minute, [...(live.get(minute) ?? []), sample]);
  }
  const liveRows = [...live.entries()]
    .sort(([a], [b]) => a - b)
    .map(([minute, samples]) => aggregate(query.environment, endpoint, new Date(minute), samples));
  return [...rolled, ...liveRows];
}

/** A minute's failed share in percent, of the probes that reached the endpoint. */
export function failurePct(minute: Pick<MinuteAggregate, "count" | "errors" | "failures">) {
  return minute.count === 0 ? null : Math.round((minute.failures / minute.count) * 1000) / 10;
}

const seriesOf = (minutes: readonly MinuteAggregate[], markers: ChartMarker[]) =>
  latencySeries(
    minutes.map((minute) => ({
      t: minute.minute.getTime(),
      p50Ms: minute.p50Ms,
      p95Ms: minute.p95Ms,
      p99Ms: minute.p99Ms,
      status429: minute.status429,
      failurePct: failurePct(minute),
    })),
    "clock",
    markers,
  );

/** The chart data for a range: x is clock time, 429s are per minute, thinned to the chart's point budget. */
export async function probeSeries(query: ProbeSeriesQuery): Promise<LatencySeries> {
  return seriesOf(await probeMinutes(query), query.markers ?? []);
}

export type LatestProbeSample = Awaited<ReturnType<typeof latestProbeSamples>>[number];

/** The newest sample of each catalogue endpoint in an environment (endpoints never probed are left out). */
export async function latestProbeSamples(environment: ProbeEnvironment) {
  const latest = await Promise.all(
    PROBE_ENDPOINTS.map((endpoint) =>
      db.probeSample.findFirst({
        where: { environment, endpoint: endpoint.id },
        orderBy: { sentAt: "desc" },
      }),
    ),
  );
  return latest.filter((sample) => sample !== null);
}

export const PROBE_TABLE_COLUMNS = [
  "minute",
  "p50_ms",
  "p95_ms",
  "p99_ms",
  "count_429",
  "failure_share",
] as const;

const tableRowsOf = (minutes: readonly MinuteAggregate[]) =>
  minutes.map((minute) => [
    minute.minute.toISOString().slice(0, 16),
    minute.p50Ms,
    minute.p95Ms,
    minute.p99Ms,
    minute.status429,
    failurePct(minute),
  ]);

/** The chart's figures per minute, unthinned, for the CSV; failure share in percent. */
export async function probeTableRows(query: Omit<ProbeSeriesQuery, "markers">) {
  return tableRowsOf(await probeMinutes(query));
}

/** The chart and its table from one read of the range. */
export async function probeChart(query: Omit<ProbeSeriesQuery, "markers">) {
  const minutes = await probeMinutes(query);
  return { series: seriesOf(minutes, []), rows: tableRowsOf(minutes) };
}

export type ProbeEndpointStatus = {
  environment: ProbeEnvironment;
  endpoint: string;
  state: ProbeState;
  since: Date | null;
  lastStatus: number | null;
  lastLatencyMs: number | null;
  failureShare: number | null;
};

/** The newest results of one endpoint that reached it (credential gaps left out), newest first. */
const lastResults = (environment: ProbeEnvironment, endpoint: string) =>
  db.probeSample.findMany({
    where: {
      environment,
      endpoint,
      OR: [{ errorKind: null }, { errorKind: { not: "credentials" } }],
    },
    orderBy: { sentAt: "desc" },
    take: STATE_WINDOW,
    select: { status: true, latencyMs: true, errorKind: true },
  });

const lastChange = (environment: string, endpoint: string) =>
  db.probeStateChange.findFirst({
    where: { environment, endpoint },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });

type EndpointKey = { environment: ProbeEnvironment; endpoint: string };

const CATALOGUE_PAIRS: readonly EndpointKey[] = ENVIRONMENTS.flatMap((environment) =>
  PROBE_ENDPOINTS.map((endpoint) => ({ environment, endpoint: endpoint.id })),
);

async function statusOf(
  { environment, endpoint }: EndpointKey,
  thresholds: ProbeThresholds,
): Promise<ProbeEndpointStatus & { lastStoredState: string | null }> {
  const [newestFirst, change] = await Promise.all([
    lastResults(environment, endpoint),
    lastChange(environment, endpoint),
  ]);
  const { state, failureShare } = endpointState([...newestFirst].reverse(), thresholds);
  const last = newestFirst[0];
  return {
    environment,
    endpoint,
    state,
    since: change?.state === state ? change.at : null,
    lastStatus: last && last.status > 0 ? last.status : null,
    lastLatencyMs: last ? last.latencyMs : null,
    failureShare,
    lastStoredState: change?.state ?? null,
  };
}

/** Every catalogue endpoint's state in each environment, over its last results. */
export async function probeStatuses(thresholds?: ProbeThresholds): Promise<ProbeEndpointStatus[]> {
  const limits = thresholds ?? (await loadProbeConfig()).config.thresholds;
  const statuses = await Promise.all(CATALOGUE_PAIRS.map((pair) => statusOf(pair, limits)));
  return statuses.map(({ lastStoredState: _, ...status }) => status);
}

/**
 * Stores a state change for each probed endpoint whose state differs from its last stored one,
 * and returns the changes. Run after each probe cycle (by the one scheduler); running it again
 * changes nothing. Only the endpoints just probed are read, so a cycle stays cheap.
 */
export async function recordProbeStateChanges(
  probed: readonly EndpointKey[],
  thresholds: ProbeThresholds,
  at: Date,
) {
  const pairs = CATALOGUE_PAIRS.filter((pair) =>
    probed.some(
      (sample) => sample.environment === pair.environment && sample.endpoint === pair.endpoint,
    ),
  );
  const changed = (await Promise.all(pairs.map((pair) => statusOf(pair, thresholds)))).filter(
    (status) => status.state !== status.lastStoredState,
  );
  if (changed.length === 0) return [];
  return db.$transaction(async (tx) => {
    const stored = [];
    for (const status of changed) {
      const change = await tx.probeStateChange.create({
        data: {
          environment: status.environment,
          endpoint: status.endpoint,
          state: status.state,
          previous: status.lastStoredState,
          at,
          lastStatus: status.lastStatus,
          failureShare: status.failureShare,
        },
      });
      // Queued with the change it reports, so a notification is sent if and only if it is stored.
      const event = probeStateEvent(change);
      if (event) await enqueueWebhookEvent(tx, event);
      stored.push(change);
    }
    return stored;
  });
}

/** Probe state changes of an environment in the window the incident page shows, oldest first. */
export function probeStateChangesAround(environment: ProbeEnvironment, occurredAt: Date) {
  return db.probeStateChange.findMany({
    where: {
      environment,
      at: {
        gte: new Date(occurredAt.getTime() - INCIDENT_WINDOW.beforeMs),
        lte: new Date(occurredAt.getTime() + INCIDENT_WINDOW.afterMs),
      },
    },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
}

/** The environment's probe history around an incident, with the incident marked. */
export async function vendorHistoryAround(
  environment: ProbeEnvironment,
  occurredAt: Date,
): Promise<{ series: LatencySeries; from: Date; to: Date }> {
  const from = new Date(occurredAt.getTime() - INCIDENT_WINDOW.beforeMs);
  const to = new Date(occurredAt.getTime() + INCIDENT_WINDOW.afterMs);
  const series = await probeSeries({
    environment,
    from,
    to,
    markers: [{ t: occurredAt.getTime(), label: "incident", kind: "incident" }],
  });
  return { series, from, to };
}

// A ScheduledRun's summary for the probes: ProbeCycleOutcome as JSON, read back through zod.
const cycleOutcomeSchema = z.union([
  z.object({ samples: z.number(), failed: z.number() }),
  z.object({ error: z.string() }),
  z.object({ disabled: z.literal(true) }),
]);

export type ProbeCycleRecord = {
  holder: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: z.infer<typeof cycleOutcomeSchema> | null;
};

/** Which instance holds the probes now, and the last cycle any instance finished. */
export async function probeSchedulerOverview(): Promise<{
  holder: string | null;
  lastCycle: ProbeCycleRecord | null;
}> {
  const [holder, run] = await Promise.all([leaseHolder("probes"), lastFinishedRun("probes")]);
  if (!run) return { holder, lastCycle: null };
  const parsed = cycleOutcomeSchema.safeParse(JSON.parse(run.summary ?? "null"));
  return {
    holder,
    lastCycle: {
      holder: run.holder,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      outcome: parsed.success ? parsed.data : null,
    },
  };
}
