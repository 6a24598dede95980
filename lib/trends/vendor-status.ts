import "server-only";
// Outage and maintenance minutes per month from the vendor's status history (the simulator's
// /{env}/console/status-history). Overlapping windows of one kind count once; a window still
// running or scheduled counts only up to now. A vendor that cannot be asked is a notice for
// this chart alone, never an error for the page.
import { VendorGateway, type OutageWindow } from "@/lib/diagnosis/vendor-gateway";
import { vendorGateway } from "@/lib/diagnosis/diagnose";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import type { TrendEnvironment, TrendsQuery } from "./query";
import { monthsOf } from "./weeks";

export type VendorMinutesMonth = {
  month: string;
  outageMinutes: number;
  maintenanceMinutes: number;
};
export type VendorMinutes = { months: VendorMinutesMonth[]; problem: string | null };

// The page waits on this; a hanging vendor must not hold it for the checks' full timeout.
const STATUS_HISTORY_TIMEOUT_MS = 1_500;

type Interval = [number, number];

function union(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

const monthStart = (month: string) => Date.parse(`${month}-01T00:00:00Z`);
const nextMonthStart = (month: string) => {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return Date.UTC(year, number, 1);
};

/** Minutes of each kind per calendar month of [start, end), counting nothing after `now`. */
export function minutesByMonth(
  windows: readonly Pick<OutageWindow, "kind" | "startsAt" | "endsAt">[],
  start: Date,
  end: Date,
  now: Date,
): VendorMinutesMonth[] {
  const limit = Math.min(end.getTime(), now.getTime());
  const clipped = (kind: OutageWindow["kind"]) =>
    union(
      windows
        .filter((window) => window.kind === kind)
        .map((window): Interval => [
          Math.max(Date.parse(window.startsAt), start.getTime()),
          Math.min(Date.parse(window.endsAt), limit),
        ])
        .filter(([from, to]) => Number.isFinite(from) && Number.isFinite(to) && to > from),
    );
  const overlapMinutes = (intervals: Interval[], month: string) =>
    intervals.reduce(
      (sum, [from, to]) =>
        sum + Math.max(0, Math.min(to, nextMonthStart(month)) - Math.max(from, monthStart(month))),
      0,
    ) / 60_000;
  const outages = clipped("incident");
  const maintenance = clipped("maintenance");
  return monthsOf(start, end).map((month) => ({
    month,
    outageMinutes: Math.round(overlapMinutes(outages, month)),
    maintenanceMinutes: Math.round(overlapMinutes(maintenance, month)),
  }));
}

const environmentsOf = (environment: TrendEnvironment) =>
  environment === "all" ? ENVIRONMENTS : ([environment] as const);

/** Both environments' minutes are added together when the filter says "all". */
export async function vendorMinutes(
  query: Pick<TrendsQuery, "start" | "end" | "environment">,
  now = new Date(),
): Promise<VendorMinutes> {
  const { baseUrl, adminKey } = vendorGateway().options;
  const gateway = new VendorGateway({ baseUrl, adminKey, timeoutMs: STATUS_HISTORY_TIMEOUT_MS });
  const answers = await Promise.all(
    environmentsOf(query.environment).map(async (environment) => ({
      environment,
      answer: await gateway.statusHistory(environment),
    })),
  );
  const failed = answers.find(({ answer }) => !answer.ok);
  if (failed && !failed.answer.ok) {
    const reason = failed.answer.exchange.failure?.message ?? failed.answer.problem;
    return {
      months: [],
      problem: `The vendor's status history (${failed.environment}) could not be read: ${reason}`,
    };
  }
  const windows = answers.flatMap(({ answer }) => (answer.ok ? answer.data.windows : []));
  return { months: minutesByMonth(windows, query.start, query.end, now), problem: null };
}
