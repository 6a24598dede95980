"use client";
// Loads the recharts drawing in the browser only (see trend-plot.tsx for why).
import dynamic from "next/dynamic";

export const TrendPlotLoader = dynamic(() => import("./trend-plot"), { ssr: false });
