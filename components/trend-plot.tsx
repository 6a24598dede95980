"use client";
// The drawing of one trend chart (recharts), rendered in the browser only, so the Trends page's
// server time goes to its queries rather than to SVG the browser redraws on hydration anyway.
// The figure, its table view and its CSV link around it are still rendered on the server.
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { TrendPlotProps } from "./trend-chart";

const MARGIN = { top: 16, right: 16, bottom: 8, left: 8 };
const AXIS_PROPS = {
  stroke: "currentColor",
  tick: { fill: "currentColor", fontSize: 11 },
} as const;

const axisLabel = (value: string, side: "insideLeft" | "insideRight") => ({
  value,
  angle: -90,
  position: side,
  fill: "currentColor",
  fontSize: 12,
});

/** A count as bars (left axis) with a percentage as a line over them (right axis, 0-100). */
function SharePlot({ data, xKey, series, yLabel }: Omit<TrendPlotProps, "kind" | "height">) {
  const [count, share] = series;
  return (
    <ComposedChart data={data} margin={MARGIN}>
      <CartesianGrid stroke="currentColor" strokeOpacity={0.12} />
      <XAxis dataKey={xKey} {...AXIS_PROPS} />
      <YAxis
        yAxisId="count"
        {...AXIS_PROPS}
        width={56}
        allowDecimals={false}
        label={axisLabel(yLabel, "insideLeft")}
      />
      <YAxis
        yAxisId="share"
        orientation="right"
        domain={[0, 100]}
        unit="%"
        {...AXIS_PROPS}
        width={56}
      />
      <Tooltip />
      <Legend verticalAlign="top" />
      {count ? (
        <Bar
          yAxisId="count"
          dataKey={count.key}
          name={count.label}
          fill={count.colour}
          isAnimationActive={false}
        />
      ) : null}
      {share ? (
        <Line
          yAxisId="share"
          dataKey={share.key}
          name={share.label}
          stroke={share.colour}
          strokeWidth={2}
          unit="%"
          isAnimationActive={false}
        />
      ) : null}
    </ComposedChart>
  );
}

// Animation is off so what a test or a screenshot sees is final.
export default function TrendPlot({ kind, data, xKey, series, yLabel, height }: TrendPlotProps) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      {kind === "share" ? (
        <SharePlot data={data} xKey={xKey} series={series} yLabel={yLabel} />
      ) : kind === "line" ? (
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.12} />
          <XAxis dataKey={xKey} {...AXIS_PROPS} />
          <YAxis
            {...AXIS_PROPS}
            width={56}
            label={{
              value: yLabel,
              angle: -90,
              position: "insideLeft",
              fill: "currentColor",
              fontSize: 12,
            }}
          />
          <Tooltip />
          <Legend verticalAlign="top" height={24} />
          {series.map((entry) => (
            <Line
              key={entry.key}
              dataKey={entry.key}
              name={entry.label}
              stroke={entry.colour}
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : (
        <BarChart data={data} margin={MARGIN}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.12} />
          <XAxis dataKey={xKey} {...AXIS_PROPS} />
          <YAxis
            {...AXIS_PROPS}
            width={56}
            allowDecimals={false}
            label={{
              value: yLabel,
              angle: -90,
              position: "insideLeft",
              fill: "currentColor",
              fontSize: 12,
            }}
          />
          <Tooltip />
          <Legend verticalAlign="top" />
          {series.map((entry) => (
            <Bar
              key={entry.key}
              dataKey={entry.key}
              name={entry.label}
              fill={entry.colour}
              stackId={kind === "stacked" ? "total" : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
