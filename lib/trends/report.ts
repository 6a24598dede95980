import { CONFIRMED_OTHER } from "@/lib/incidents/team-schema";
import "server-only";
// What each trend chart shows, as the same table the page's "Table" view and its CSV download
// both read, so the two can never disagree. The page loads all charts at once; a CSV route
// loads one.
import { CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import type { CsvValue } from "@/lib/exports/csv";
import { diagnosisAccuracy, type AccuracyCause, type AccuracyWeek } from "./accuracy";
import type { Burst429 } from "./bursts";
import type { TrendChart, TrendsQuery } from "./query";
import {
  bursts429,
  burstSummary,
  CAUSE_KEYS,
  incidentsByCause,
  openedResolvedAndResolveTime,
  topSignatures,
  UNCLASSIFIED,
  type CauseKey,
  type CauseWeek,
  type OpenedResolvedWeek,
  type ResolveTimeWeek,
  type SignatureCount,
} from "./store";
import { vendorMinutes, type VendorMinutes } from "./vendor-status";

export const TREND_CHART_TITLES: Record<TrendChart, string> = {
  causes: "Incidents per week by cause",
  "opened-resolved": "Opened vs resolved per week",
  "time-to-resolve": "Mean time to resolve per week",
  "vendor-minutes": "Vendor outage and maintenance minutes per month",
  signatures: "Top signatures",
  bursts: "429 bursts",
  "diagnosis-accuracy": "Diagnosis accuracy per week",
  "diagnosis-accuracy-by-cause": "Diagnosis accuracy by confirmed cause",
};

export const causeLabel = (key: CauseKey) =>
  key === UNCLASSIFIED
    ? "Not yet classified"
    : key === CONFIRMED_OTHER
      ? "Other (confirmed)"
      : CAUSE_LABELS[key];

export type TrendTable = { columns: string[]; rows: CsvValue[][] };

const utcMinute = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

// A range in which nothing happened is an empty table (and a header-only CSV), not a column of
// zeros per week: the same answer an empty list gives.
const unlessQuiet = (rows: CsvValue[][]) =>
  rows.some((row) => row.slice(1).some((value) => typeof value === "number" && value !== 0))
    ? rows
    : [];

export const TABLES = {
  causes: (weeks: CauseWeek[]): TrendTable => ({
    columns: ["week_start", ...CAUSE_KEYS, "total"],
    rows: unlessQuiet(
      weeks.map((week) => [
        week.week,
        ...CAUSE_KEYS.map((key) => week[key]),
        CAUSE_KEYS.reduce((sum, key) => sum + week[key], 0),
      ]),
    ),
  }),
  openedResolved: (weeks: OpenedResolvedWeek[]): TrendTable => ({
    columns: ["week_start", "opened", "resolved"],
    rows: unlessQuiet(weeks.map((week) => [week.week, week.opened, week.resolved])),
  }),
  resolveTime: (weeks: ResolveTimeWeek[]): TrendTable => ({
    columns: ["week_start", "resolved", "mean_hours_to_resolve"],
    rows: unlessQuiet(weeks.map((week) => [week.week, week.resolved, week.meanHours])),
  }),
  vendorMinutes: (vendor: VendorMinutes): TrendTable => ({
    columns: ["month", "outage_minutes", "maintenance_minutes"],
    rows: unlessQuiet(
      vendor.months.map((month) => [month.month, month.outageMinutes, month.maintenanceMinutes]),
    ),
  }),
  signatures: (signatures: SignatureCount[]): TrendTable => ({
    columns: ["signature", "incidents", "last_seen"],
    rows: signatures.map((entry) => [entry.signature, entry.count, entry.lastSeen]),
  }),
  accuracy: (weeks: AccuracyWeek[]): TrendTable => ({
    columns: ["week_start", "confirmed", "diagnosis_right", "share_right"],
    rows: unlessQuiet(weeks.map((week) => [week.week, week.n, week.hits, week.share])),
  }),
  accuracyByCause: (causes: AccuracyCause[]): TrendTable => ({
    columns: ["confirmed_cause", "confirmed", "diagnosis_right", "share_right"],
    rows: unlessQuiet(causes.map((entry) => [entry.cause, entry.n, entry.hits, entry.share])),
  }),
  bursts: (bursts: readonly Burst429[]): TrendTable => ({
    columns: ["start", "end", "minutes", "probe_429s", "incidents_429"],
    rows: bursts.map((burst) => [
      burst.start,
      burst.end,
      burst.minutes,
      burst.probe429s,
      burst.incidents429,
    ]),
  }),
};

/** For the page: a burst's start and end as people read them. */
export const burstRow = (burst: Burst429) => [
  utcMinute(burst.start),
  utcMinute(burst.end),
  burst.minutes,
  burst.probe429s,
  burst.incidents429,
];

/** How many of the longest bursts the page lists; the CSV has them all. */
export const BURSTS_LISTED = 50;

/** Everything the Trends page draws, loaded together (the vendor call overlaps the SQL). */
export async function loadTrends(query: TrendsQuery) {
  const [vendor, causes, signatures, bursts, accuracy] = await Promise.all([
    vendorMinutes(query),
    incidentsByCause(query),
    topSignatures(query),
    burstSummary(query, BURSTS_LISTED),
    diagnosisAccuracy(query),
  ]);
  const { openedResolved, resolveTime } = await openedResolvedAndResolveTime(query, causes);
  return { causes, openedResolved, resolveTime, vendor, signatures, bursts, accuracy };
}

export type TrendTableResult = { ok: true; table: TrendTable } | { ok: false; problem: string };

/** One chart's table, for its CSV download. */
export async function trendTable(chart: TrendChart, query: TrendsQuery): Promise<TrendTableResult> {
  switch (chart) {
    case "causes":
      return { ok: true, table: TABLES.causes(await incidentsByCause(query)) };
    case "opened-resolved":
      return {
        ok: true,
        table: TABLES.openedResolved((await openedResolvedAndResolveTime(query)).openedResolved),
      };
    case "time-to-resolve":
      return {
        ok: true,
        table: TABLES.resolveTime((await openedResolvedAndResolveTime(query)).resolveTime),
      };
    case "vendor-minutes": {
      const vendor = await vendorMinutes(query);
      return vendor.problem
        ? { ok: false, problem: vendor.problem }
        : { ok: true, table: TABLES.vendorMinutes(vendor) };
    }
    case "signatures":
      return { ok: true, table: TABLES.signatures(await topSignatures(query)) };
    case "bursts":
      return { ok: true, table: TABLES.bursts(await bursts429(query)) };
    case "diagnosis-accuracy":
      return { ok: true, table: TABLES.accuracy((await diagnosisAccuracy(query)).weeks) };
    case "diagnosis-accuracy-by-cause":
      return { ok: true, table: TABLES.accuracyByCause((await diagnosisAccuracy(query)).causes) };
  }
}
