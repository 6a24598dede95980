import "server-only";
// Diagnosis accuracy: among resolved incidents whose confirmed cause is one of the ten, how often
// the diagnosis's top cause was the confirmed one. The diagnosis is the top cause of the
// incident's first completed check run, else the classifier's at filing (Incident.initialCause).
// Weeks are those the incidents occurred in, when the diagnosis was made, so a week's share
// speaks of the classifier and checks as they were that week.
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";
import { db, Prisma } from "@/lib/db/client";
import { sqliteTime } from "@/lib/db/sqlite-time";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import type { TrendsRange } from "./store";
import { WEEK_ZERO_JULIAN_DAY, weekLabel, weeksOf } from "./weeks";

/** `share` is hits / n, or null when nothing was confirmed: no share is shown for n = 0. */
export type AccuracyWeek = { week: string; n: number; hits: number; share: number | null };
export type AccuracyCause = { cause: CauseId; n: number; hits: number; share: number | null };
export type DiagnosisAccuracy = { weeks: AccuracyWeek[]; causes: AccuracyCause[] };

type Count = bigint | number;

const shareOf = (hits: number, n: number) =>
  n === 0 ? null : Math.round((hits / n) * 1000) / 1000;

export async function diagnosisAccuracy(range: TrendsRange): Promise<DiagnosisAccuracy> {
  const environments = range.environment === "all" ? ENVIRONMENTS : [range.environment];
  // The (incidentId, startedAt) index finds each incident's first completed run; the ranking
  // is the stored diagnosis (lib/diagnosis/diagnose.ts), its top cause first.
  const rows = await db.$queryRaw<Array<{ week: Count; cause: string; n: Count; hits: Count }>>`
    SELECT CAST((julianday(occurredAt) - ${WEEK_ZERO_JULIAN_DAY}) / 7 AS INTEGER) AS week,
           confirmedCause AS cause, COUNT(*) AS n, SUM(diagnosed IS confirmedCause) AS hits
    FROM (
      SELECT i.occurredAt, i.confirmedCause, coalesce((
        SELECT json_extract(run.ranking, '$.ranked[0].cause') FROM "CheckRun" run
        WHERE run.incidentId = i.id AND run.status = 'completed'
        ORDER BY run.startedAt, run.id LIMIT 1
      ), i.initialCause) AS diagnosed
      FROM "Incident" i
      WHERE i.status = 'resolved'
        AND i.occurredAt >= ${sqliteTime(range.start)} AND i.occurredAt < ${sqliteTime(range.end)}
        AND i.environment IN (${Prisma.join(environments)})
        AND i.confirmedCause IN (${Prisma.join(CAUSE_IDS)})
    )
    GROUP BY week, cause`;
  const weeks = new Map(weeksOf(range.start, range.end).map((week) => [week, { n: 0, hits: 0 }]));
  const causes = new Map(CAUSE_IDS.map((cause) => [cause as string, { n: 0, hits: 0 }]));
  for (const row of rows) {
    for (const entry of [weeks.get(Number(row.week)), causes.get(row.cause)]) {
      if (!entry) continue;
      entry.n += Number(row.n);
      entry.hits += Number(row.hits);
    }
  }
  return {
    weeks: [...weeks].map(([week, { n, hits }]) => ({
      week: weekLabel(week),
      n,
      hits,
      share: shareOf(hits, n),
    })),
    causes: [...causes].map(([cause, { n, hits }]) => ({
      cause: cause as CauseId,
      n,
      hits,
      share: shareOf(hits, n),
    })),
  };
}
