"use client";
// The soak run chart. While the run is live it polls the series endpoint every second; when the
// run ends it refreshes the page once so the server parts (steps, breakpoint) appear.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { LatencySeries } from "@/lib/charts/series";
import { LatencyChart } from "./latency-chart";

export type SoakSeriesSnapshot = {
  status: string;
  progress: { elapsedS: number; durationS: number; sent: number; completed: number };
  series: LatencySeries;
};

const LIVE = new Set(["pending", "running"]);
const POLL_MS = 1_000;

export function SoakLiveChart({
  runId,
  title,
  initial,
}: {
  runId: string;
  title: string;
  initial: SoakSeriesSnapshot;
}) {
  const router = useRouter();
  const [snapshot, setSnapshot] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const live = LIVE.has(snapshot.status);

  useEffect(() => {
    if (!live) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    // Chained, not an interval: a slow answer never has a second request overtake it.
    const poll = async () => {
      try {
        const response = await fetch(`/api/v1/soak-runs/${runId}/series`, { cache: "no-store" });
        if (!response.ok) throw new Error(`the series answered ${response.status}`);
        const next = (await response.json()) as SoakSeriesSnapshot;
        if (cancelled) return;
        setProblem(null);
        setSnapshot(next);
        if (!LIVE.has(next.status)) {
          router.refresh();
          return;
        }
      } catch (error) {
        if (cancelled) return;
        setProblem(`Live updates paused: ${(error as Error).message}`);
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [live, runId, router]);

  const { progress } = snapshot;
  return (
    <div className="space-y-2">
      <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {live
          ? `Running: ${progress.elapsedS} of ${progress.durationS} s`
          : `Finished (${snapshot.status}) after ${progress.elapsedS} s`}{" "}
        · {progress.sent.toLocaleString("en")} sent · {progress.completed.toLocaleString("en")}{" "}
        answered
      </p>
      {problem ? <p className="text-sm text-amber-700 dark:text-amber-400">{problem}</p> : null}
      <LatencyChart series={snapshot.series} title={title} reserveSpace={live} />
    </div>
  );
}
