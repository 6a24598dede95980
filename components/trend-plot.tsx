"use client";
// The drawing of one trend chart (recharts), rendered in the browser only, so the Trends page's
// server time goes to its queries rather than to SVG the browser redraws on hydration anyway.
// The figure, its table view and its CSV link around it are still rendered on the server.
import {
  Bar,
  BarChart,
  CartesianGrid,
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

// Animation is off so what a test or a screenshot sees is final.
export default function TrendPlot({ kind, data, xKey, series, yLabel, height }: TrendPlotProps) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      {kind === "line" ? (
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
