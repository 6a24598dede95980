import "server-only";
// The Trends aggregations. SQLite does the counting (GROUP BY over the covering indexes on
// Incident and ProbeMinute); JavaScript only fills in quiet weeks and folds 429 minutes into
// bursts, so the cost follows the number of weeks and minutes, not the number of incidents.
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";
import { db, Prisma } from "@/lib/db/client";
import { sqliteTime } from "@/lib/db/sqlite-time";
import { burstsOf, mergeMinutes, type Burst429 } from "./bursts";
import type { TrendsQuery } from "./query";
import { WEEK_ZERO_JULIAN_DAY, weekLabel, weeksOf } from "./weeks";

export type TrendsRange = Pick<TrendsQuery, "start" | "end" | "environment">;

/** Incidents stored before a cause was recorded, or under an id the taxonomy no longer has. */
export const UNCLASSIFIED = "unclassified";
export type CauseKey = CauseId | typeof UNCLASSIFIED;
export const CAUSE_KEYS: readonly CauseKey[] = [...CAUSE_IDS, UNCLASSIFIED];

export type CauseWeek = { week: string } & Record<CauseKey, number>;
export type OpenedResolvedWeek = { week: string; opened: number; resolved: number };
export type ResolveTimeWeek = { week: string; resolved: number; meanHours: number | null };
export type SignatureCount = { signature: string; count: number; lastSeen: Date };

type Count = bigint | number;

const environmentCondition = (range: TrendsRange) =>
  range.environment === "all" ? Prisma.empty : Prisma.sql`AND environment = ${range.environment}`;
const weekOf = (column: Prisma.Sql) => Prisma.sql`CAST((julianday(${column}) - ${WEEK_ZERO_JULIAN_DAY}) / 7 AS INTEGER)`;

/** Incidents per week by likely cause; a week's total is the number opened that week. */
export async function incidentsByCause(range: TrendsRange): Promise<CauseWeek[]> {
  const rows = await db.$queryRaw<Array<{ week: Count; cause: string | null; count: Count }>>`
    SELECT ${weekOf(Prisma.sql`occurredAt`)} AS week, likelyCause AS cause, COUNT(*) AS count
    FROM "Incident"
    WHERE occurredAt >= ${sqliteTime(range.start)} AND occurredAt < ${sqliteTime(range.end)} ${environmentCondition(range)}
    GROUP BY week, likelyCause`;
  const weeks = new Map(weeksOf(range.start, range.end).map((week) => [week, { week: weekLabel(week), ...Object.fromEntries(CAUSE_KEYS.map((key) => [key, 0])) } as CauseWeek]));
  for (const row of rows) {
    const entry = weeks.get(Number(row.week));
    if (!entry) continue;
    const key: CauseKey = CAUSE_IDS.includes(row.cause as CauseId) ? (row.cause as CauseId) : UNCLASSIFIED;
    entry[key] += Number(row.count);
  }
  return [...weeks.values()];
}

const weekTotal = (week: CauseWeek) => CAUSE_KEYS.reduce((sum, key) => sum + week[key], 0);

async function resolvedWeeks(range: TrendsRange) {
  const rows = await db.$queryRaw<Array<{ week: Count; resolved: Count; meanHours: number | null }>>`
    SELECT ${weekOf(Prisma.sql`resolvedAt`)} AS week, COUNT(*) AS resolved,
           AVG((julianday(resolvedAt) - julianday(occurredAt)) * 24) AS meanHours
    FROM "Incident"
    WHERE resolvedAt >= ${sqliteTime(range.start)} AND resolvedAt < ${sqliteTime(range.end)} ${environmentCondition(range)}
    GROUP BY week`;
  return new Map(rows.map((row) => [Number(row.week), { resolved: Number(row.resolved), meanHours: row.meanHours }]));
}

/**
 * Incidents opened per week (by when they occurred) against incidents resolved per week (by
 * when they were resolved), and the mean time to resolve of those resolved each week.
 */
export async function openedResolvedAndResolveTime(range: TrendsRange, byCause?: CauseWeek[]): Promise<{ openedResolved: OpenedResolvedWeek[]; resolveTime: ResolveTimeWeek[] }> {
  const [causes, resolved] = await Promise.all([byCause ?? incidentsByCause(range), resolvedWeeks(range)]);
  const weeks = weeksOf(range.start, range.end);
  return {
    openedResolved: weeks.map((week, index) => ({ week: weekLabel(week), opened: weekTotal(causes[index]!), resolved: resolved.get(week)?.resolved ?? 0 })),
    resolveTime: weeks.map((week) => {
      const entry = resolved.get(week);
      return { week: weekLabel(week), resolved: entry?.resolved ?? 0, meanHours: entry?.meanHours == null ? null : Math.round(entry.meanHours * 10) / 10 };
    }),
  };
}

export const TOP_SIGNATURES = 10;

/** The signatures seen most often in the range, most first. */
export async function topSignatures(range: TrendsRange, limit = TOP_SIGNATURES): Promise<SignatureCount[]> {
  const rows = await db.$queryRaw<Array<{ signature: string; count: Count; lastSeen: string }>>`
    SELECT signature, COUNT(*) AS count, MAX(occurredAt) AS lastSeen
    FROM "Incident"
    WHERE occurredAt >= ${sqliteTime(range.start)} AND occurredAt < ${sqliteTime(range.end)} ${environmentCondition(range)}
    GROUP BY signature ORDER BY count DESC, signature LIMIT ${limit}`;
  return rows.map((row) => ({ signature: row.signature, count: Number(row.count), lastSeen: new Date(row.lastSeen) }));
}

/** Every 429 burst in the range (see bursts.ts for what counts as one), oldest first. */
export async function bursts429(range: TrendsRange): Promise<Burst429[]> {
  const start = sqliteTime(range.start);
  const end = sqliteTime(range.end);
  const [probes, incidents] = await Promise.all([
    db.$queryRaw<Array<{ minute: string; count: Count }>>`
      SELECT minute, SUM(status429) AS count FROM "ProbeMinute"
      WHERE minute >= ${start} AND minute < ${end} AND status429 > 0 ${environmentCondition(range)}
      GROUP BY minute`,
    db.$queryRaw<Array<{ minute: string; count: Count }>>`
      SELECT substr(occurredAt, 1, 16) AS minute, COUNT(*) AS count FROM "Incident"
      WHERE occurredAt >= ${start} AND occurredAt < ${end} AND httpStatus = 429 ${environmentCondition(range)}
      GROUP BY minute`,
  ]);
  return burstsOf(
    mergeMinutes(
      probes.map((row) => ({ minute: new Date(row.minute), count: Number(row.count) })),
      incidents.map((row) => ({ minute: new Date(`${row.minute}:00Z`), count: Number(row.count) })),
    ),
  );
}
