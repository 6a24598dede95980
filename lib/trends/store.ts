import "server-only";
import { db } from "@/lib/db/client";
import { sqliteTime } from "@/lib/db/sqlite-time";

export type WeeklyIncidentCount = { weekStart: string; filed: number; resolved: number };

/** Incidents filed per ISO week (Monday start, UTC), with how many of them are resolved now. */
export async function weeklyIncidentCounts(weeks: number): Promise<WeeklyIncidentCount[]> {
  const since = sqliteTime(new Date(Date.now() - weeks * 7 * 86_400_000));
  const rows = await db.$queryRaw<Array<{ weekStart: string; filed: bigint | number; resolved: bigint | number }>>`
    SELECT date(substr(occurredAt, 1, 10), '-' || ((CAST(strftime('%w', substr(occurredAt, 1, 10)) AS INTEGER) + 6) % 7) || ' days') AS weekStart,
           COUNT(*) AS filed, SUM(status = 'resolved') AS resolved
    FROM "Incident" WHERE occurredAt >= ${since}
    GROUP BY weekStart ORDER BY weekStart`;
  return rows.map((row) => ({ weekStart: row.weekStart, filed: Number(row.filed), resolved: Number(row.resolved) }));
}
