import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { apiError, notFound } from "@/lib/api/responses";
import { cancelSoakRun } from "@/lib/load/service";
import { soakRunJson } from "@/lib/load/store";

/** Asks the run to stop: 202, since the process running it stops it on its next heartbeat. */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/v1/soak-runs/[id]/cancel">,
) {
  const guard = await guardApi(request, "soak.run");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const result = await cancelSoakRun(id, guard.caller.actor);
  if (result.ok) return NextResponse.json(soakRunJson(result.run), { status: 202 });
  if (result.reason === "not_found") return notFound(`Soak run ${id}`);
  return apiError(
    409,
    "already_finished",
    `Soak run ${id} has already ended (${result.status}); there is nothing to cancel.`,
  );
}
