import type { Metadata } from "next";
import Link from "next/link";
import { DiagnosisAccuracy } from "@/components/diagnosis-accuracy";
import { PageHeader } from "@/components/page-header";
import { SimpleTable } from "@/components/simple-table";
import { inputClass } from "@/components/text-field";
import { TrendChart, type TrendCell, type TrendRow } from "@/components/trend-chart";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import type { CsvValue } from "@/lib/exports/csv";
import { dayName, weeklyScheduleFromEnv } from "@/lib/exports/schedule";
import {
  exportWindow,
  lastWeeklyExport,
  WEEKLY_EXPORT_FILES,
  type WeeklyExportRun,
} from "@/lib/exports/weekly";
import {
  parseTrendsQuery,
  TREND_ENVIRONMENTS,
  trendsQuerySchema,
  trendsSearch,
  type TrendChart as TrendChartId,
  type TrendsQuery,
} from "@/lib/trends/query";
import {
  burstRow,
  BURSTS_LISTED,
  causeLabel,
  loadTrends,
  TABLES,
  TREND_CHART_TITLES,
} from "@/lib/trends/report";
import { CONFIRMED_OTHER } from "@/lib/incidents/team-schema";
import { CAUSE_KEYS, UNCLASSIFIED } from "@/lib/trends/store";
import { ActionError } from "@/components/action-error";
import { runWeeklyExportAction } from "./actions";

export const metadata: Metadata = { title: "Trends" };

// Twelve colours (ten causes, a confirmed "other" and "not yet classified") that stay apart on
// white and slate-900.
const CAUSE_COLOURS = [
  "#0284c7",
  "#d97706",
  "#e11d48",
  "#7c3aed",
  "#059669",
  "#c026d3",
  "#65a30d",
  "#dc2626",
  "#ea580c",
  "#0891b2",
  "#4d7c0f",
  "#64748b",
];

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const plainCell = (cell: CsvValue): TrendCell =>
  cell instanceof Date
    ? cell.toISOString()
    : typeof cell === "boolean"
      ? String(cell)
      : (cell ?? null);
/** A CSV table as the chart's table view takes it: cells a client component can receive. */
const plainTable = <T extends { rows: CsvValue[][] }>(table: T) => ({
  ...table,
  rows: table.rows.map((row) => row.map(plainCell)),
});
const csvHref = (chart: TrendChartId, query: TrendsQuery) =>
  `/api/v1/trends/${chart}.csv?${trendsSearch(query)}`;
const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;
const label = "block text-xs font-medium text-slate-600 dark:text-slate-400";

function Filters({ query }: { query: TrendsQuery }) {
  return (
    <form
      role="search"
      aria-label="Trend filters"
      method="get"
      className="no-print mb-6 grid grid-cols-2 gap-3 md:grid-cols-4"
    >
      <label className={label}>
        From
        <input name="from" type="date" defaultValue={query.from} className={inputClass} />
      </label>
      <label className={label}>
        To
        <input name="to" type="date" defaultValue={query.to} className={inputClass} />
      </label>
      <label className={label}>
        Environment
        <select name="environment" defaultValue={query.environment} className={inputClass}>
          {TREND_ENVIRONMENTS.map((environment) => (
            <option key={environment} value={environment}>
              {environment === "all" ? "All (sandbox and prod)" : environment}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-md bg-slate-900 px-3 py-2 text-sm text-white dark:bg-slate-100 dark:text-slate-900"
        >
          Apply filters
        </button>
        <Link href="/trends" className="py-2 text-sm underline">
          Last 12 weeks
        </Link>
      </div>
    </form>
  );
}

function WeeklyExport({
  query,
  last,
  exportedEnd,
  canExport,
}: {
  query: TrendsQuery;
  last: WeeklyExportRun | null;
  exportedEnd: Date | null;
  canExport: boolean;
}) {
  const config = weeklyScheduleFromEnv();
  const schedule = !config.ok
    ? `off: ${config.problem}`
    : config.schedule
      ? `every ${dayName(config.schedule.day)} at ${String(config.schedule.hour).padStart(2, "0")}:00 UTC into ${config.schedule.folder}`
      : "off on this server (set PITSTOP_WEEKLY_EXPORT_DIR to a folder to turn it on)";
  const justRan = exportedEnd && last && last.end === exportedEnd.toISOString() ? last : null;
  return (
    <section
      id="weekly-export"
      aria-labelledby="weekly-export-heading"
      className="mt-8 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="weekly-export-heading" className="font-semibold">
        Weekly export
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        The last 7 days of audit events, failed webhook deliveries and 429 bursts as three CSV
        files. Scheduled: {schedule}.
        {last
          ? ` Last run ${utc(last.at)} (${last.trigger === "schedule" ? "scheduled" : "on demand"}).`
          : " No run yet."}
      </p>
      {canExport ? (
        <form action={runWeeklyExportAction} className="mt-3">
          <input type="hidden" name="from" value={query.from} />
          <input type="hidden" name="to" value={query.to} />
          <input type="hidden" name="environment" value={query.environment} />
          <button
            type="submit"
            className="rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700"
          >
            Export the last 7 days now
          </button>
        </form>
      ) : null}
      {exportedEnd ? (
        <div role="status" className="mt-3 text-sm">
          <p>
            Export of {utc(exportWindow(exportedEnd).start.toISOString())} to{" "}
            {utc(exportedEnd.toISOString())}
            {justRan?.directory ? `, written to ${justRan.directory}` : ""}:
          </p>
          <ul className="mt-1 flex flex-wrap gap-4">
            {WEEKLY_EXPORT_FILES.map((file) => (
              <li key={file}>
                <a
                  className="underline"
                  download
                  href={`/api/v1/exports/weekly/${file}.csv?end=${encodeURIComponent(exportedEnd.toISOString())}`}
                >
                  {file}.csv
                </a>
                {justRan?.rows[file] !== undefined ? ` (${justRan.rows[file]} rows)` : ""}
              </li>
            ))}
          </ul>
          {justRan?.problems.map((problem) => (
            <p key={problem} className="mt-1 text-amber-800 dark:text-amber-300">
              Not exported: {problem}
            </p>
          ))}
        </div>
      ) : null}
    </section>
  );
}

export default async function TrendsPage({ searchParams }: PageProps) {
  const user = await requirePermission("trends.read");
  const params = await searchParams;
  const parsed = parseTrendsQuery(params);
  const query = parsed.ok ? parsed.query : trendsQuerySchema.parse({});
  const exported =
    typeof params.exported === "string" && !Number.isNaN(Date.parse(params.exported))
      ? new Date(params.exported)
      : null;
  const [trends, last] = await Promise.all([loadTrends(query), lastWeeklyExport()]);
  // The two buckets outside the taxonomy appear only when something is in them.
  const causeKeys = CAUSE_KEYS.filter(
    (key) =>
      (key !== UNCLASSIFIED && key !== CONFIRMED_OTHER) ||
      trends.causes.some((week) => week[key] > 0),
  );
  const incidentsHref = (signature: string) =>
    `/incidents?${new URLSearchParams({ signature, from: query.from, to: query.to, ...(query.environment === "all" ? {} : { environment: query.environment }) })}`;
  const signaturesTable = TABLES.signatures(trends.signatures);
  return (
    <>
      <PageHeader title="Trends">
        {query.from} to {query.to} (UTC),{" "}
        {query.environment === "all" ? "sandbox and prod" : query.environment}. Weeks start on
        Monday.
      </PageHeader>
      <ActionError error={params.error} />
      {parsed.ok ? null : (
        <p
          role="alert"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {parsed.problem} ({parsed.field}); showing the last 12 weeks instead.
        </p>
      )}
      <Filters query={query} />
      <div className="grid gap-6 xl:grid-cols-2">
        <TrendChart
          title={TREND_CHART_TITLES.causes}
          kind="stacked"
          data={trends.causes as unknown as TrendRow[]}
          xKey="week"
          series={causeKeys.map((key) => ({
            key,
            label: causeLabel(key),
            colour: CAUSE_COLOURS[CAUSE_KEYS.indexOf(key)]!,
          }))}
          yLabel="incidents"
          table={plainTable(TABLES.causes(trends.causes))}
          csvHref={csvHref("causes", query)}
          emptyText="No incidents in this range."
          height={340}
        />
        <TrendChart
          title={TREND_CHART_TITLES["opened-resolved"]}
          kind="bars"
          data={trends.openedResolved}
          xKey="week"
          series={[
            { key: "opened", label: "Opened", colour: "#d97706" },
            { key: "resolved", label: "Resolved", colour: "#059669" },
          ]}
          yLabel="incidents"
          table={plainTable(TABLES.openedResolved(trends.openedResolved))}
          csvHref={csvHref("opened-resolved", query)}
          emptyText="No incidents opened or resolved in this range."
        />
        <TrendChart
          title={TREND_CHART_TITLES["time-to-resolve"]}
          kind="line"
          data={trends.resolveTime}
          xKey="week"
          series={[
            {
              key: "meanHours",
              label: "Mean hours to resolve (by week resolved)",
              colour: "#7c3aed",
            },
          ]}
          yLabel="hours"
          table={plainTable(TABLES.resolveTime(trends.resolveTime))}
          csvHref={csvHref("time-to-resolve", query)}
          emptyText="No incidents resolved in this range."
        />
        <TrendChart
          title={TREND_CHART_TITLES["vendor-minutes"]}
          kind="bars"
          data={trends.vendor.months}
          xKey="month"
          series={[
            { key: "outageMinutes", label: "Outage minutes", colour: "#e11d48" },
            { key: "maintenanceMinutes", label: "Maintenance minutes", colour: "#0284c7" },
          ]}
          yLabel="minutes"
          table={plainTable(TABLES.vendorMinutes(trends.vendor))}
          csvHref={csvHref("vendor-minutes", query)}
          notice={trends.vendor.problem}
          emptyText="The vendor reports no outage or maintenance in this range."
        />
        <TrendChart
          title={TREND_CHART_TITLES.bursts}
          kind="bars"
          data={trends.bursts.weeks}
          xKey="week"
          series={[
            { key: "bursts", label: "Bursts started", colour: "#7c3aed" },
            { key: "minutes", label: "Minutes with 429s", colour: "#c026d3" },
          ]}
          yLabel="per week"
          table={{
            ...TABLES.bursts(trends.bursts.longest),
            rows: trends.bursts.longest.map(burstRow),
          }}
          csvHref={csvHref("bursts", query)}
          emptyText="No 429s from probes or incidents in this range."
        />
        <figure
          aria-label={TREND_CHART_TITLES.signatures}
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-semibold text-slate-900 dark:text-slate-100">
              {TREND_CHART_TITLES.signatures}
            </span>
            <a href={csvHref("signatures", query)} download className="text-sm underline">
              Download CSV<span className="sr-only"> of {TREND_CHART_TITLES.signatures}</span>
            </a>
          </figcaption>
          {signaturesTable.rows.length === 0 ? (
            <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-sm dark:border-slate-700">
              No incidents in this range.
            </p>
          ) : (
            <SimpleTable
              caption={TREND_CHART_TITLES.signatures}
              columns={["Signature", "Incidents", "Last seen"]}
              rows={trends.signatures.map((entry) => [
                <Link
                  key="signature"
                  href={incidentsHref(entry.signature)}
                  className="break-all font-mono text-xs text-blue-700 underline dark:text-blue-400"
                >
                  {entry.signature}
                </Link>,
                entry.count,
                utc(entry.lastSeen.toISOString()),
              ])}
            />
          )}
        </figure>
        <DiagnosisAccuracy
          weeks={trends.accuracy.weeks}
          causes={trends.accuracy.causes}
          titles={{
            weeks: TREND_CHART_TITLES["diagnosis-accuracy"],
            causes: TREND_CHART_TITLES["diagnosis-accuracy-by-cause"],
          }}
          csvHrefs={{
            weeks: csvHref("diagnosis-accuracy", query),
            causes: csvHref("diagnosis-accuracy-by-cause", query),
          }}
        />
      </div>
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
        A 429 burst is a run of consecutive minutes each with at least one 429, from a synthetic
        probe or an incident filed with HTTP 429; the first minute without one ends it. The table
        lists the {BURSTS_LISTED} longest of {trends.bursts.total.toLocaleString("en-US")}; the CSV
        has every burst. Vendor minutes add sandbox and prod together when both are shown.
      </p>
      <WeeklyExport
        query={query}
        last={last}
        exportedEnd={exported}
        canExport={can(user, "export.read")}
      />
    </>
  );
}
