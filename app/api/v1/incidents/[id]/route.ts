import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound } from "@/lib/api/responses";
import { getIncident, incidentJson } from "@/lib/incidents/store";

export async function GET(request: Request, { params }: RouteContext<"/api/v1/incidents/[id]">) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const incident = await getIncident(id);
  return incident ? NextResponse.json(incidentJson(incident)) : notFound(`Incident ${id}`);
}
