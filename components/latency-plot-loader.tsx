"use client";
// Loads the recharts drawing of a latency chart in the browser only (see latency-plot.tsx).
import dynamic from "next/dynamic";

export const LatencyPlotLoader = dynamic(() => import("./latency-plot"), { ssr: false });
