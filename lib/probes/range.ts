// The time ranges the probes page offers, as they appear in its URL (?range=6h).
import { z } from "zod";

export const PROBE_RANGES = {
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
  "7d": 7 * 24 * 3_600_000,
} as const;
export type ProbeRange = keyof typeof PROBE_RANGES;
export const PROBE_RANGE_LABELS: Record<ProbeRange, string> = {
  "1h": "last hour",
  "6h": "last 6 hours",
  "24h": "last 24 hours",
  "7d": "last 7 days",
};

export const probeRangeSchema = z.enum(Object.keys(PROBE_RANGES) as [ProbeRange, ...ProbeRange[]], {
  error: `range must be one of ${Object.keys(PROBE_RANGES).join(", ")}`,
});

/** The range asked for, or the last hour with the reason when the URL asks for something else. */
export function parseProbeRange(value: string | string[] | undefined): {
  range: ProbeRange;
  problem: string | null;
} {
  if (value === undefined) return { range: "1h", problem: null };
  const parsed = probeRangeSchema.safeParse(value);
  return parsed.success
    ? { range: parsed.data, problem: null }
    : { range: "1h", problem: parsed.error.issues[0]!.message };
}

/** How much of the vendor's history the incident page shows: from 3 h before the incident to 1 h after. */
export const INCIDENT_WINDOW = { beforeMs: 3 * 3_600_000, afterMs: 3_600_000 } as const;

/** Whether an incident's whole window is older than the per-minute roll-ups are kept. */
export const pastRetention = (occurredAt: Date, minuteDays: number, now = Date.now()) =>
  occurredAt.getTime() + INCIDENT_WINDOW.afterMs < now - minuteDays * 86_400_000;
