// 429 bursts. A burst is a run of consecutive minutes (UTC, whole minutes) in each of which at
// least one 429 was seen, by a synthetic probe or as an incident filed with HTTP 429; the
// first minute without any ends it. A lone minute with 429s is a one-minute burst.
export type Minute429 = { minute: Date; probe429s: number; incidents429: number };
export type Burst429 = { start: Date; end: Date; minutes: number; probe429s: number; incidents429: number };

const MINUTE_MS = 60_000;

/** Folds minutes (any order, one entry per minute) into bursts, oldest first. */
export function burstsOf(minutes: readonly Minute429[]): Burst429[] {
  const sorted = [...minutes].filter((entry) => entry.probe429s + entry.incidents429 > 0).sort((a, b) => a.minute.getTime() - b.minute.getTime());
  const bursts: Burst429[] = [];
  for (const entry of sorted) {
    const current = bursts.at(-1);
    if (current && current.end.getTime() === entry.minute.getTime()) {
      current.end = new Date(entry.minute.getTime() + MINUTE_MS);
      current.minutes++;
      current.probe429s += entry.probe429s;
      current.incidents429 += entry.incidents429;
    } else {
      bursts.push({ start: entry.minute, end: new Date(entry.minute.getTime() + MINUTE_MS), minutes: 1, probe429s: entry.probe429s, incidents429: entry.incidents429 });
    }
  }
  return bursts;
}

/** Adds the probe and incident counts of the same minute together. */
export function mergeMinutes(probes: ReadonlyArray<{ minute: Date; count: number }>, incidents: ReadonlyArray<{ minute: Date; count: number }>): Minute429[] {
  const byMinute = new Map<number, Minute429>();
  const entry = (minute: Date) => {
    const key = minute.getTime();
    if (!byMinute.has(key)) byMinute.set(key, { minute, probe429s: 0, incidents429: 0 });
    return byMinute.get(key)!;
  };
  for (const row of probes) entry(row.minute).probe429s += row.count;
  for (const row of incidents) entry(row.minute).incidents429 += row.count;
  return [...byMinute.values()];
}
