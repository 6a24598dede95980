import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { readJsonBody, validationError } from "@/lib/api/responses";
import { soakPlanSchema } from "@/lib/load/plan";
import { startSoakRun, sweepInterruptedSoakRuns } from "@/lib/load/service";
import { listSoakRuns, soakRunJson } from "@/lib/load/store";

const MAX_BODY_BYTES = 32 * 1024;

export async function GET(request: Request) {
  const guard = await guardApi(request, "soak.read");
  if (!guard.ok) return guard.response;
  await sweepInterruptedSoakRuns();
  const runs = await listSoakRuns();
  return NextResponse.json({ items: runs.map(soakRunJson) });
}

/** Starts a run in the background and answers 202 with it (409 while another app run is going); poll the run or its series. */
export async function POST(request: Request) {
  const guard = await guardApi(request, "soak.run");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const plan = soakPlanSchema.safeParse(body.body);
  if (!plan.success) return validationError(plan.error);
  const started = await startSoakRun(guard.caller.actor, plan.data);
  if (!started.ok)
    return NextResponse.json(
      {
        error: "soak_run_in_progress",
        message: started.message,
        runningRunIds: started.runningRunIds,
      },
      { status: 409 },
    );
  const { run } = started;
  return NextResponse.json(soakRunJson(run), {
    status: 202,
    headers: { location: `/api/v1/soak-runs/${run.id}` },
  });
}
