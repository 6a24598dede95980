import "server-only";
// Diagnosis accuracy: among resolved incidents whose confirmed cause is one of the ten, how often
// the diagnosis's top cause was the confirmed one. The diagnosis is the top cause of the
// incident's first completed check run, else the classifier's at filing (Incident.initialCause).
// Weeks are those the incidents occurred in, when the diagnosis was made, so a week's share
// speaks of the classifier and checks as they were that week. Counted from IncidentAccuracyDay,
// a roll-up per environment, day and confirmed cause that triggers keep in step with Incident
// and CheckRun (migration 20261202172114_diagnosis_accuracy), so a page reads a few hundred rows.
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";
import { db, Prisma } from "@/lib/db/client";
import { julianDay, wholeNumber } from "@/lib/db/dialect";
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
  // A range's ends are UTC midnights (query.ts), so the roll-up's days cover it exactly.
  const rows = await db.$queryRaw<Array<{ week: Count; cause: string; n: Count; hits: Count }>>`
    SELECT ${wholeNumber(Prisma.sql`(${julianDay(Prisma.sql`day`)} - ${WEEK_ZERO_JULIAN_DAY}) / 7`)} AS week, cause,
           SUM(n) AS n, SUM(hits) AS hits
    FROM "IncidentAccuracyDay"
    WHERE day >= ${range.start.toISOString().slice(0, 10)} AND day < ${range.end.toISOString().slice(0, 10)}
      AND environment IN (${Prisma.join(environments)})
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
