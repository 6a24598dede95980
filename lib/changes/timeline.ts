// The incident's change timeline: what changed in its environment in the 72 hours before it,
// newest (nearest the incident) first, each with how long before the incident it happened and
// whether it was the incident's own tenant or the whole environment.
import { changeKindLabel, changeSourceLabel } from "./schema";

export const CHANGE_WINDOW_HOURS = 72;
export const CHANGE_WINDOW_MS = CHANGE_WINDOW_HOURS * 3_600_000;

export type TimelineChange = {
  id: string;
  kind: string;
  source: string;
  tenant: string | null;
  summary: string;
  details: string | null;
  occurredAt: Date;
};

export type TimelineEntry = {
  id: string;
  kindLabel: string;
  sourceLabel: string;
  summary: string;
  details: string | null;
  occurredAt: string;
  msBefore: number;
  timeBefore: string;
  /** "tenant": recorded for the incident's tenant; "environment": for every tenant of the environment. */
  scope: "tenant" | "environment";
  tenant: string | null;
};

/** "3 h 12 m before", "2 d 1 h before", "45 s before", "at the same time". */
export function formatTimeBefore(ms: number): string {
  if (ms < 1_000) return "at the same time";
  const totalMinutes = Math.floor(ms / 60_000);
  if (totalMinutes === 0) return `${Math.floor(ms / 1_000)} s before`;
  const days = Math.floor(totalMinutes / 1_440);
  const hours = Math.floor((totalMinutes % 1_440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return `${days} d ${hours} h before`;
  if (hours > 0) return `${hours} h ${minutes} m before`;
  return `${minutes} m before`;
}

/**
 * Keeps only changes inside [incident - 72 h, incident] for the incident's tenant or the whole
 * environment, newest first. The store already asks for that window; applying it here too
 * keeps the rule in one testable place for any caller.
 */
export function buildChangeTimeline(
  incident: { tenant: string; occurredAt: Date },
  changes: TimelineChange[],
): TimelineEntry[] {
  const at = incident.occurredAt.getTime();
  return changes
    .map((change) => ({ change, msBefore: at - change.occurredAt.getTime() }))
    .filter(
      ({ change, msBefore }) =>
        msBefore >= 0 &&
        msBefore <= CHANGE_WINDOW_MS &&
        (change.tenant === null || change.tenant === incident.tenant),
    )
    .sort((a, b) => a.msBefore - b.msBefore)
    .map(({ change, msBefore }) => ({
      id: change.id,
      kindLabel: changeKindLabel(change.kind),
      sourceLabel: changeSourceLabel(change.source),
      summary: change.summary,
      details: change.details,
      occurredAt: change.occurredAt.toISOString(),
      msBefore,
      timeBefore: formatTimeBefore(msBefore),
      scope: change.tenant === null ? "environment" : "tenant",
      tenant: change.tenant,
    }));
}
