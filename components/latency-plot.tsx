"use client";
// The drawing of a latency chart (recharts): percentiles, the failed share and 429s over time,
// loaded in the browser only where a chart has points to draw (latency-plot-loader.tsx), so a
// page with an empty chart, or none, never downloads recharts. latency-chart.tsx renders the
// figure, its table view and its empty state around it, on the server where it can. Animation is
// off so a live-updating chart doesn't replay on every refresh and tests see the final shape.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import type { ChartMarker, LatencySeries } from "@/lib/charts/series";
import {
  axisTicks,
  chartDomain,
  count429Label,
  exactXLabel,
  formatMs,
  latencyPlotHeights,
  latencyRows,
  tickLabel,
  xAxisLabel,
} from "./chart-format";

// Mid-tone colours that keep at least 3:1 against both the white and the slate-900 panel.
const COLOURS = {
  p50: "#0284c7",
  p95: "#d97706",
  p99: "#e11d48",
  count429: "#7c3aed",
  failed: "#b91c1c",
  breakpoint: "#dc2626",
  incident: "#c026d3",
};
const MARGIN = { top: 16, right: 16, bottom: 20, left: 8 };
const AXIS_PROPS = {
  stroke: "currentColor",
  tick: { fill: "currentColor", fontSize: 11 },
} as const;

export type LatencyPlotProps = {
  series: LatencySeries;
  height: number;
  xDomain?: [number, number];
};

export default function LatencyPlot({ series, height, xDomain }: LatencyPlotProps) {
  const heights = latencyPlotHeights(height);
  return (
    <>
      <PercentileChart series={series} height={heights.percentiles} xDomain={xDomain} />
      <FailureChart series={series} height={heights.failures} xDomain={xDomain} />
      <RateLimitChart series={series} height={heights.rateLimits} xDomain={xDomain} />
    </>
  );
}

function SharedXAxis({
  series,
  xDomain,
  labelled,
}: {
  series: LatencySeries;
  xDomain?: [number, number];
  labelled: boolean;
}) {
  const ts = [series.p50, series.p95, series.p99, series.count429, series.failurePct].flatMap(
    (points) => (points.length ? [points[0]!.t, points.at(-1)!.t] : []),
  );
  const domain = chartDomain(
    series.xAxis,
    [...ts, ...series.markers.map((marker) => marker.t)],
    xDomain,
  );
  const { ticks, step } = axisTicks(series.xAxis, domain);
  return (
    <XAxis
      dataKey="t"
      type="number"
      domain={domain}
      ticks={ticks}
      allowDataOverflow
      tickFormatter={tickLabel(series.xAxis, step, domain[1] - domain[0])}
      label={
        labelled
          ? {
              value: xAxisLabel(series.xAxis),
              position: "insideBottom",
              offset: -12,
              fill: "currentColor",
              fontSize: 12,
            }
          : undefined
      }
      {...AXIS_PROPS}
    />
  );
}

function markerLines(markers: ChartMarker[], withLabels: boolean) {
  return markers.map((marker) => {
    const style =
      marker.kind === "step"
        ? { stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "4 4", strokeWidth: 1 }
        : { stroke: COLOURS[marker.kind], strokeOpacity: 1, strokeWidth: 2 };
    return (
      <ReferenceLine
        key={`${marker.kind}-${marker.t}`}
        x={marker.t}
        ifOverflow="extendDomain"
        {...style}
        label={
          withLabels
            ? {
                value: marker.label,
                position: "insideTopLeft",
                fill: marker.kind === "step" ? "currentColor" : COLOURS[marker.kind],
                fontSize: 11,
              }
            : undefined
        }
      />
    );
  });
}

function PercentileChart({ series, height, xDomain }: LatencyPlotProps) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      <LineChart data={latencyRows(series)} margin={MARGIN}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.12} />
        <SharedXAxis series={series} xDomain={xDomain} labelled />
        <YAxis
          {...AXIS_PROPS}
          width={56}
          label={{
            value: "ms",
            angle: -90,
            position: "insideLeft",
            fill: "currentColor",
            fontSize: 12,
          }}
        />
        <Tooltip
          content={(props) => <HoverCard {...props} xAxis={series.xAxis} format={formatMs} />}
        />
        <Legend verticalAlign="top" height={24} />
        {(["p50", "p95", "p99"] as const).map((key) => (
          <Line
            key={key}
            dataKey={key}
            name={key}
            type="linear"
            stroke={COLOURS[key]}
            strokeWidth={key === "p99" ? 2 : 1.5}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
        {markerLines(series.markers, true)}
      </LineChart>
    </ResponsiveContainer>
  );
}

function FailureChart({ series, height, xDomain }: LatencyPlotProps) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      <LineChart data={series.failurePct} margin={MARGIN}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.12} />
        <SharedXAxis series={series} xDomain={xDomain} labelled={false} />
        <YAxis
          {...AXIS_PROPS}
          width={56}
          domain={[0, 100]}
          ticks={[0, 50, 100]}
          label={{
            value: "% failed",
            angle: -90,
            position: "insideLeft",
            fill: "currentColor",
            fontSize: 11,
            dy: 30,
          }}
        />
        <Tooltip
          content={(props) => (
            <HoverCard {...props} xAxis={series.xAxis} format={(value) => `${value} % failed`} />
          )}
        />
        <Line
          dataKey="v"
          name="failed (5xx, timeouts, other non-2xx)"
          type="stepAfter"
          stroke={COLOURS.failed}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        {markerLines(series.markers, false)}
      </LineChart>
    </ResponsiveContainer>
  );
}

function RateLimitChart({ series, height, xDomain }: LatencyPlotProps) {
  const unit = count429Label(series.xAxis);
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      <BarChart data={series.count429} margin={MARGIN}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.12} />
        <SharedXAxis series={series} xDomain={xDomain} labelled={false} />
        <YAxis
          {...AXIS_PROPS}
          width={56}
          allowDecimals={false}
          label={{
            value: unit,
            angle: -90,
            position: "insideLeft",
            fill: "currentColor",
            fontSize: 11,
            dy: 40,
          }}
        />
        <Tooltip
          content={(props) => (
            <HoverCard {...props} xAxis={series.xAxis} format={(value) => `${value} ${unit}`} />
          )}
        />
        <Bar
          dataKey="v"
          name="429s"
          fill={COLOURS.count429}
          minPointSize={0}
          isAnimationActive={false}
        />
        {markerLines(series.markers, false)}
      </BarChart>
    </ResponsiveContainer>
  );
}

type HoverCardProps = Pick<TooltipContentProps<number, string>, "active" | "payload" | "label"> & {
  xAxis: LatencySeries["xAxis"];
  format: (value: number) => string;
};

function HoverCard({ active, payload, label, xAxis, format }: HoverCardProps) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md dark:border-slate-700 dark:bg-slate-800">
      <p className="mb-1 font-medium text-slate-900 dark:text-slate-100">
        {exactXLabel(xAxis, Number(label))}
      </p>
      <ul>
        {payload.map((entry) => (
          <li key={String(entry.name)} style={{ color: entry.color }}>
            {entry.name}: {format(Number(entry.value))}
          </li>
        ))}
      </ul>
    </div>
  );
}
