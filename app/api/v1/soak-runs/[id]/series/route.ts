import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound } from "@/lib/api/responses";
import { soakRunProgress, soakRunSeries } from "@/lib/load/run-series";
import { getSoakRun, soakSeconds } from "@/lib/load/store";

/** The run's chart data and progress; the detail page polls it while the run is live. */
export async function GET(
  request: Request,
  { params }: RouteContext<"/api/v1/soak-runs/[id]/series">,
) {
  const guard = await guardApi(request, "soak.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const run = await getSoakRun(id);
  if (!run) return notFound(`Soak run ${id}`);
  const seconds = await soakSeconds(id);
  return NextResponse.json(
    {
      id,
      status: run.status,
      progress: soakRunProgress(run.durationS, seconds),
      series: soakRunSeries(run.plan, seconds, run.summary?.breakpoint ?? null),
    },
    { headers: { "cache-control": "no-store" } },
  );
}
