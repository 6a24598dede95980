// One trend chart: bars (stacked or side by side), a line, or a count with its share, over weeks
// or months, with a "Table" view holding the same numbers in a real table and a CSV download of
// them. The server page hands over plain arrays; the drawing happens in the browser (trend-plot.tsx).
import { useId } from "react";
import { ChartTable, type ChartTableCell } from "./chart-table";
import { TrendPlotLoader } from "./trend-plot-loader";

export type TrendSeries = { key: string; label: string; colour: string };
export type TrendCell = ChartTableCell;
export type TrendRow = Record<string, TrendCell>;

type Props = {
  title: string;
  /** "share": the first series as bars of a count, the second as a line of a percentage. */
  kind: "stacked" | "bars" | "line" | "share";
  data: TrendRow[];
  xKey: string;
  series: TrendSeries[];
  yLabel: string;
  table: { columns: string[]; rows: TrendCell[][] };
  /** Said above the table view. */
  tableNote?: string;
  csvHref: string;
  /** Why the chart cannot be drawn (e.g. the vendor could not be asked); replaces the chart. */
  notice?: string | null;
  emptyText: string;
  height?: number;
};

export type TrendPlotProps = Pick<Props, "kind" | "data" | "xKey" | "series" | "yLabel"> & {
  height: number;
};

const KIND_WORDS: Record<Props["kind"], string> = {
  stacked: "Stacked bars",
  bars: "Bars",
  line: "Lines",
  share: "Bars of a count with a line of its share",
};

/** Keeps the chart's place while the drawing loads, so the table below does not jump. */
function PlotSlot({ height, children }: { height: number; children: React.ReactNode }) {
  return <div style={{ minHeight: height }}>{children}</div>;
}

export function TrendChart({
  title,
  kind,
  data,
  xKey,
  series,
  yLabel,
  table,
  csvHref,
  notice,
  emptyText,
  height = 280,
  tableNote,
}: Props) {
  const empty = table.rows.length === 0;
  const description = useId();
  return (
    <figure
      aria-label={title}
      aria-describedby={description}
      className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
    >
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-semibold text-slate-900 dark:text-slate-100">{title}</span>
        {notice ? null : (
          <a href={csvHref} download className="text-sm underline">
            Download CSV<span className="sr-only"> of {title}</span>
          </a>
        )}
      </figcaption>
      <p id={description} className="sr-only">
        {KIND_WORDS[kind]} of {yLabel} per {xKey}
        {series.length ? ` (${series.map((entry) => entry.label).join(", ")})` : ""}.
        {notice || empty ? "" : " The Table below holds the same numbers."}
      </p>
      {notice ? (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {notice}
        </p>
      ) : empty ? (
        <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-sm dark:border-slate-700">
          {emptyText}
        </p>
      ) : (
        <>
          <PlotSlot height={height}>
            <TrendPlotLoader
              kind={kind}
              data={data}
              xKey={xKey}
              series={series}
              yLabel={yLabel}
              height={height}
            />
          </PlotSlot>
          <ChartTable title={title} columns={table.columns} rows={table.rows} note={tableNote} />
        </>
      )}
    </figure>
  );
}
