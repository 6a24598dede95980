import "server-only";
// The Trends aggregations. Incidents opened and resolved per week come from IncidentTrendDay, a
// roll-up per environment, UTC day and cause (the confirmed one, else the likely one) that
// triggers keep in step with Incident (migrations 20261124110000_trend_rollups and
// 20261202164114_trend_confirmed_cause), so they read a few hundred rows, not every incident
// of the range. SQLite counts signatures over the covering indexes and finds the 429 bursts;
// JavaScript only fills in quiet weeks, so what leaves the database follows the number of weeks
// and bursts, not of incidents.
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";
import { db, Prisma } from "@/lib/db/client";
import { indexedBy, julianDay, sqlTime, unixEpoch, wholeNumber } from "@/lib/db/dialect";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import type { Burst429 } from "./bursts";
import type { TrendsQuery } from "./query";
import { WEEK_MINUTES, WEEK_ZERO_JULIAN_DAY, WEEK_ZERO_MINUTE, weekLabel, weeksOf } from "./weeks";
import { CONFIRMED_OTHER } from "@/lib/incidents/team-schema";

export type TrendsRange = Pick<TrendsQuery, "start" | "end" | "environment">;

/** Incidents stored before a cause was recorded, or under an id the taxonomy no longer has. */
export const UNCLASSIFIED = "unclassified";
/** Resolved with a confirmed cause outside the ten: counted apart, not under the ruled-out guess. */
export type CauseKey = CauseId | typeof CONFIRMED_OTHER | typeof UNCLASSIFIED;
export const CAUSE_KEYS: readonly CauseKey[] = [...CAUSE_IDS, CONFIRMED_OTHER, UNCLASSIFIED];
const isCauseKey = (cause: string): cause is CauseKey =>
  cause !== UNCLASSIFIED && (CAUSE_KEYS as readonly string[]).includes(cause);

export type CauseWeek = { week: string } & Record<CauseKey, number>;
export type OpenedResolvedWeek = { week: string; opened: number; resolved: number };
export type ResolveTimeWeek = { week: string; resolved: number; meanHours: number | null };
export type SignatureCount = { signature: string; count: number; lastSeen: Date };

type Count = bigint | number;

// "All" is spelled out as both environments so the covering indexes, which lead with the
// environment, serve it as two ranges rather than a scan.
const environmentCondition = (range: TrendsRange) =>
  Prisma.sql`AND environment IN (${Prisma.join(range.environment === "all" ? ENVIRONMENTS : [range.environment])})`;
const weekOf = (column: Prisma.Sql) =>
  wholeNumber(Prisma.sql`(${julianDay(column)} - ${WEEK_ZERO_JULIAN_DAY}) / 7`);

// A range's start and end are UTC midnights (the filters are whole days, see query.ts), so the
// days of the roll-up cover it exactly.
const dayCondition = (range: TrendsRange) =>
  Prisma.sql`day >= ${range.start.toISOString().slice(0, 10)} AND day < ${range.end.toISOString().slice(0, 10)}`;

/**
 * Incidents per week by cause (the confirmed one once resolved, else the likely one); a week's
 * total is the number opened that week.
 */
export async function incidentsByCause(range: TrendsRange): Promise<CauseWeek[]> {
  const rows = await db.$queryRaw<Array<{ week: Count; cause: string; count: Count }>>`
    SELECT ${weekOf(Prisma.sql`day`)} AS week, cause, SUM(opened) AS count
    FROM "IncidentTrendDay"
    WHERE ${dayCondition(range)} ${environmentCondition(range)}
    GROUP BY week, cause`;
  const weeks = new Map(
    weeksOf(range.start, range.end).map((week) => [
      week,
      {
        week: weekLabel(week),
        ...Object.fromEntries(CAUSE_KEYS.map((key) => [key, 0])),
      } as CauseWeek,
    ]),
  );
  for (const row of rows) {
    const entry = weeks.get(Number(row.week));
    if (!entry) continue;
    entry[isCauseKey(row.cause) ? row.cause : UNCLASSIFIED] += Number(row.count);
  }
  return [...weeks.values()];
}

const weekTotal = (week: CauseWeek) => CAUSE_KEYS.reduce((sum, key) => sum + week[key], 0);

async function resolvedWeeks(range: TrendsRange) {
  // Rows whose incidents were all reopened or deleted stay at zero; leaving them out keeps a week
  // without resolutions absent, as it was when counted from Incident.
  const rows = await db.$queryRaw<
    Array<{ week: Count; resolved: Count; meanHours: number | null }>
  >`
    SELECT ${weekOf(Prisma.sql`day`)} AS week, SUM(resolved) AS resolved,
           CAST(SUM("resolveMs") / 3600000.0 / SUM(resolved) AS DOUBLE PRECISION) AS "meanHours"
    FROM "IncidentTrendDay"
    WHERE resolved > 0 AND ${dayCondition(range)} ${environmentCondition(range)}
    GROUP BY week`;
  return new Map(
    rows.map((row) => [
      Number(row.week),
      { resolved: Number(row.resolved), meanHours: row.meanHours },
    ]),
  );
}

/**
 * Incidents opened per week (by when they occurred) against incidents resolved per week (by
 * when they were resolved), and the mean time to resolve of those resolved each week.
 */
export async function openedResolvedAndResolveTime(
  range: TrendsRange,
  byCause?: CauseWeek[],
): Promise<{ openedResolved: OpenedResolvedWeek[]; resolveTime: ResolveTimeWeek[] }> {
  const [causes, resolved] = await Promise.all([
    byCause ?? incidentsByCause(range),
    resolvedWeeks(range),
  ]);
  const weeks = weeksOf(range.start, range.end);
  return {
    openedResolved: weeks.map((week, index) => ({
      week: weekLabel(week),
      opened: weekTotal(causes[index]!),
      resolved: resolved.get(week)?.resolved ?? 0,
    })),
    resolveTime: weeks.map((week) => {
      const entry = resolved.get(week);
      return {
        week: weekLabel(week),
        resolved: entry?.resolved ?? 0,
        meanHours: entry?.meanHours == null ? null : Math.round(entry.meanHours * 10) / 10,
      };
    }),
  };
}

export const TOP_SIGNATURES = 10;

// Over both environments the signature index (signature, occurredAt, ...) hands rows over
// already grouped, so no sort of every row is needed (about three times faster at 100,000
// incidents); it holds no environment, so "all" must not ask for one (every incident is sandbox
// or prod). For one environment the (environment, occurredAt, signature) index wins.
const signatureIndex = (range: TrendsRange) =>
  range.environment === "all"
    ? indexedBy("Incident_signature_occurredAt_status_severity_tenant_idx")
    : Prisma.empty;

/** The signatures seen most often in the range, most first. */
export async function topSignatures(
  range: TrendsRange,
  limit = TOP_SIGNATURES,
): Promise<SignatureCount[]> {
  const rows = await db.$queryRaw<Array<{ signature: string; count: Count; lastSeen: string }>>`
    SELECT signature, COUNT(*) AS count, MAX("occurredAt") AS "lastSeen"
    FROM "Incident" ${signatureIndex(range)}
    WHERE "occurredAt" >= ${sqlTime(range.start)} AND "occurredAt" < ${sqlTime(range.end)} ${range.environment === "all" ? Prisma.empty : environmentCondition(range)}
    GROUP BY signature ORDER BY count DESC, signature LIMIT ${limit}`;
  return rows.map((row) => ({
    signature: row.signature,
    count: Number(row.count),
    lastSeen: new Date(row.lastSeen),
  }));
}

// Minutes as whole numbers (minutes since 1970) so that consecutive minutes differ by one, and
// a run of them (a burst, see bursts.ts) is found in SQL as the minutes whose number minus
// their rank is the same ("gaps and islands"). Only bursts leave the database, not minutes:
// at 100,000 incidents that is the difference between tens of rows and tens of thousands.
// The 429 index is named: with statistics gathered before it existed, SQLite would rather walk
// every probe minute of the range by time (about ten times slower at 84 days of minutes).
function burstsCte(range: TrendsRange): Prisma.Sql {
  const start = sqlTime(range.start);
  const end = sqlTime(range.end);
  return Prisma.sql`
    WITH minutes AS (
      SELECT ${unixEpoch(Prisma.sql`minute`)} / 60 AS m, SUM(status429) AS probes, 0 AS incidents
      FROM "ProbeMinute" ${indexedBy("ProbeMinute_status429_environment_minute_idx")}
      WHERE status429 > 0 AND minute >= ${start} AND minute < ${end} ${environmentCondition(range)}
      GROUP BY minute
      UNION ALL
      SELECT ${unixEpoch(Prisma.sql`"occurredAt"`)} / 60 AS m, 0 AS probes, COUNT(*) AS incidents FROM "Incident"
      WHERE "httpStatus" = 429 AND "occurredAt" >= ${start} AND "occurredAt" < ${end} ${environmentCondition(range)}
      GROUP BY m
    ),
    merged AS (SELECT m, SUM(probes) AS probes, SUM(incidents) AS incidents FROM minutes GROUP BY m),
    islands AS (SELECT m, probes, incidents, m - ROW_NUMBER() OVER (ORDER BY m) AS island FROM merged),
    bursts AS MATERIALIZED (
      SELECT MIN(m) AS "startMinute", COUNT(*) AS minutes, SUM(probes) AS probe429s, SUM(incidents) AS incidents429
      FROM islands GROUP BY island
    )`;
}

type BurstRow = { startMinute: Count; minutes: Count; probe429s: Count; incidents429: Count };

const toBurst = (row: BurstRow): Burst429 => {
  const start = Number(row.startMinute) * 60_000;
  return {
    start: new Date(start),
    end: new Date(start + Number(row.minutes) * 60_000),
    minutes: Number(row.minutes),
    probe429s: Number(row.probe429s),
    incidents429: Number(row.incidents429),
  };
};

/** Every 429 burst in the range, oldest first (for the CSV and the weekly export). */
export async function bursts429(range: TrendsRange): Promise<Burst429[]> {
  const rows = await db.$queryRaw<
    BurstRow[]
  >`${burstsCte(range)} SELECT * FROM bursts ORDER BY "startMinute"`;
  return rows.map(toBurst);
}

export type BurstWeek = { week: string; bursts: number; minutes: number };
export type BurstSummary = { total: number; weeks: BurstWeek[]; longest: Burst429[] };

/** For the page: bursts and their minutes per week they started in, and the longest few. */
export async function burstSummary(range: TrendsRange, longest: number): Promise<BurstSummary> {
  const rows = await db.$queryRaw<
    Array<BurstRow & { kind: "week" | "longest" }>
  >`${burstsCte(range)}
    SELECT * FROM (
      SELECT 'week' AS kind, ${wholeNumber(Prisma.sql`("startMinute" - ${WEEK_ZERO_MINUTE}) / ${WEEK_MINUTES}`)} AS "startMinute", SUM(minutes) AS minutes, COUNT(*) AS probe429s, 0 AS incidents429
      FROM bursts GROUP BY 2
    ) per_week
    UNION ALL
    SELECT * FROM (
      SELECT 'longest' AS kind, "startMinute", minutes, probe429s, incidents429 FROM bursts
      ORDER BY minutes DESC, probe429s + incidents429 DESC, "startMinute" DESC LIMIT ${longest}
    ) longest`;
  // In the "week" rows startMinute holds the week number and probe429s the number of bursts.
  const perWeek = new Map(
    rows.filter((row) => row.kind === "week").map((row) => [Number(row.startMinute), row]),
  );
  const weeks = weeksOf(range.start, range.end).map((week) => ({
    week: weekLabel(week),
    bursts: Number(perWeek.get(week)?.probe429s ?? 0),
    minutes: Number(perWeek.get(week)?.minutes ?? 0),
  }));
  return {
    total: weeks.reduce((sum, week) => sum + week.bursts, 0),
    weeks,
    longest: rows.filter((row) => row.kind === "longest").map(toBurst),
  };
}
