// Weeks and months for the trend charts: weeks start Monday 00:00 UTC. SQL reports a week as a
// whole number (weeks since Monday 1970-01-05), which is cheaper per row than date arithmetic
// on text; these helpers turn it back into dates and list every week or month of a range.
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Monday 1970-01-05, the first week's start, as a Julian day number (SQLite's julianday()). */
export const WEEK_ZERO_JULIAN_DAY = 2440591.5;
const WEEK_ZERO_MS = Date.UTC(1970, 0, 5);
/** The same Monday and a week's length in minutes, for SQL that counts in whole minutes. */
export const WEEK_ZERO_MINUTE = WEEK_ZERO_MS / 60_000;
export const WEEK_MINUTES = 7 * 24 * 60;

export const weekNumberOf = (date: Date) => Math.floor((date.getTime() - WEEK_ZERO_MS) / WEEK_MS);
export const weekStartOf = (weekNumber: number) => new Date(WEEK_ZERO_MS + weekNumber * WEEK_MS);
export const weekLabel = (weekNumber: number) => weekStartOf(weekNumber).toISOString().slice(0, 10);

/** Every week touching [start, end), oldest first, so quiet weeks show as zero, not a gap. */
export function weeksOf(start: Date, end: Date): number[] {
  const weeks: number[] = [];
  for (let week = weekNumberOf(start); week <= weekNumberOf(new Date(end.getTime() - 1)); week++)
    weeks.push(week);
  return weeks;
}

/** Every calendar month (UTC) touching [start, end), as "YYYY-MM", oldest first. */
export function monthsOf(start: Date, end: Date): string[] {
  const months: string[] = [];
  const last = new Date(end.getTime() - 1);
  for (
    let year = start.getUTCFullYear(), month = start.getUTCMonth();
    year < last.getUTCFullYear() || (year === last.getUTCFullYear() && month <= last.getUTCMonth());
    month === 11 ? ((month = 0), year++) : month++
  ) {
    months.push(`${year}-${String(month + 1).padStart(2, "0")}`);
  }
  return months;
}
