import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound } from "@/lib/api/responses";
import { getSoakRun, soakRunJson } from "@/lib/load/store";

export async function GET(request: Request, { params }: RouteContext<"/api/v1/soak-runs/[id]">) {
  const guard = await guardApi(request, "soak.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const run = await getSoakRun(id);
  return run ? NextResponse.json(soakRunJson(run)) : notFound(`Soak run ${id}`);
}
