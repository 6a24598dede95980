// Diagnosis accuracy on the Trends page: per week, how many incidents were confirmed and the
// share the diagnosis got right (bars and a line, with a table view), and the same per
// confirmed cause. Every share stands beside its n, so a share of few incidents reads as such.
import { CAUSE_LABELS, type CauseId } from "@/lib/diagnosis/taxonomy";
import { SimpleTable } from "./simple-table";
import { TrendChart } from "./trend-chart";

type Counted = { n: number; hits: number; share: number | null };
export type AccuracyWeekRow = Counted & { week: string };
export type AccuracyCauseRow = Counted & { cause: CauseId };

/** Fewer confirmed incidents than this make a share that says little; the page says so. */
export const SMALL_SAMPLE = 5;

const percent = (share: number | null) => (share === null ? null : Math.round(share * 100));
const shareText = (entry: Counted) =>
  entry.share === null
    ? "no share (n = 0)"
    : `${percent(entry.share)}%${entry.n < SMALL_SAMPLE ? " (small sample)" : ""}`;

export function DiagnosisAccuracy({
  weeks,
  causes,
  titles,
  csvHrefs,
}: {
  weeks: AccuracyWeekRow[];
  causes: AccuracyCauseRow[];
  titles: { weeks: string; causes: string };
  csvHrefs: { weeks: string; causes: string };
}) {
  const confirmed = causes.reduce((sum, entry) => sum + entry.n, 0);
  const shown = causes.filter((entry) => entry.n > 0);
  return (
    <>
      <TrendChart
        title={titles.weeks}
        kind="share"
        data={weeks.map((week) => ({
          week: week.week,
          n: week.n,
          sharePercent: percent(week.share),
        }))}
        xKey="week"
        series={[
          { key: "n", label: "Confirmed incidents (n)", colour: "#64748b" },
          { key: "sharePercent", label: "Diagnosis right (%)", colour: "#059669" },
        ]}
        yLabel="incidents"
        table={{
          columns: ["week_start", "confirmed_n", "diagnosis_right", "share_right"],
          rows: weeks.some((week) => week.n > 0)
            ? weeks.map((week) => [week.week, week.n, week.hits, shareText(week)])
            : [],
        }}
        tableNote={`By the week the incidents occurred. Shares from fewer than ${SMALL_SAMPLE} incidents are marked as small samples.`}
        csvHref={csvHrefs.weeks}
        emptyText="No incident in this range was resolved with one of the ten causes confirmed."
      />
      <figure
        aria-label={titles.causes}
        className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <span className="font-semibold text-slate-900 dark:text-slate-100">{titles.causes}</span>
          <a href={csvHrefs.causes} download className="text-sm underline">
            Download CSV<span className="sr-only"> of {titles.causes}</span>
          </a>
        </figcaption>
        {shown.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-sm dark:border-slate-700">
            No confirmed causes in this range.
          </p>
        ) : (
          <>
            <SimpleTable
              caption={titles.causes}
              columns={["Confirmed cause", "Confirmed (n)", "Diagnosis right", "Share right"]}
              rows={shown.map((entry) => [
                CAUSE_LABELS[entry.cause],
                entry.n,
                entry.hits,
                shareText(entry),
              ])}
            />
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
              {confirmed} resolved incidents with one of the ten causes confirmed; the diagnosis is
              the top cause of an incident&apos;s first check run, else the classifier&apos;s at
              filing. Causes confirmed as &ldquo;other&rdquo; are left out.
            </p>
          </>
        )}
      </figure>
    </>
  );
}
