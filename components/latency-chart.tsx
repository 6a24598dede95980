// Latency percentiles, the failed share and 429 counts over time, for probes, soak runs and the
// vendor's history around an incident. The server hands over an already downsampled
// LatencySeries. The figure, its name and description, its table view and its empty state are
// plain markup (server-rendered where the page is a server component); the drawing is loaded
// only when there are points to draw, so a page whose chart is empty never downloads recharts.
import { useId } from "react";
import type { LatencySeries } from "@/lib/charts/series";
import { ChartTable, type ChartTableCell } from "./chart-table";
import { hasPoints, latencyPlotHeights, shownPoints } from "./chart-format";
import { LatencyPlotLoader } from "./latency-plot-loader";

type Props = {
  series: LatencySeries;
  title: string;
  height?: number;
  /** What to say when there is nothing to draw. */
  emptyText?: string;
  /** The x range to show (e.g. the whole hour asked for), rather than just the span of the data. */
  xDomain?: [number, number];
  /** The same figures as a table (newest rows) and where to download them all. */
  table?: { columns: readonly string[]; rows: ChartTableCell[][]; note?: string };
  csvHref?: string;
  /**
   * An empty chart keeps the drawing's height: for a live chart, whose first points arriving
   * would otherwise push everything below it down.
   */
  reserveSpace?: boolean;
};

export function LatencyChart({
  series,
  title,
  height = 260,
  emptyText = "No samples in this range yet.",
  xDomain,
  table,
  csvHref,
  reserveSpace = false,
}: Props) {
  const plotHeight = latencyPlotHeights(height).total;
  const shown = shownPoints(series);
  const description = useId();
  return (
    <figure
      aria-label={title}
      aria-describedby={description}
      className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
    >
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-semibold text-slate-900 dark:text-slate-100">{title}</span>
        {series.sourcePoints > shown ? (
          <span className="text-xs text-slate-500 dark:text-slate-400">
            Thinned for drawing: {shown.toLocaleString("en-US")} of{" "}
            {series.sourcePoints.toLocaleString("en-US")} points per series (LTTB keeps the spikes)
          </span>
        ) : null}
        {csvHref ? (
          <a href={csvHref} download className="text-sm underline">
            Download CSV<span className="sr-only"> of {title}</span>
          </a>
        ) : null}
      </figcaption>
      <p id={description} className="sr-only">
        Three plots over time, {series.xAxis === "clock" ? "in UTC" : "from the start of the run"}:
        latency percentiles p50, p95 and p99 in milliseconds, the failed share in percent, and how
        many answers were 429 per {series.xAxis === "clock" ? "minute" : "second"}.
        {table ? " The Table below holds the same figures." : ""}
      </p>
      {hasPoints(series) ? (
        <>
          <div style={{ minHeight: plotHeight }}>
            <LatencyPlotLoader series={series} height={height} xDomain={xDomain} />
          </div>
          {table ? <ChartTable title={title} {...table} /> : null}
        </>
      ) : (
        <p
          style={reserveSpace ? { minHeight: plotHeight } : undefined}
          className="flex items-center justify-center rounded-md border border-dashed border-slate-300 p-8 text-center text-sm dark:border-slate-700"
        >
          {emptyText}
        </p>
      )}
    </figure>
  );
}
