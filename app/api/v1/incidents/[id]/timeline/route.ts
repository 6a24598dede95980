import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound } from "@/lib/api/responses";
import { getIncident } from "@/lib/incidents/store";
import { incidentTimeline } from "@/lib/incidents/timeline";

/** The incident's timeline, oldest first; a note's `body` is its Markdown source (secrets masked). */
export async function GET(
  request: Request,
  { params }: RouteContext<"/api/v1/incidents/[id]/timeline">,
) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const incident = await getIncident(id);
  if (!incident) return notFound(`Incident ${id}`);
  return NextResponse.json({ items: await incidentTimeline(incident) });
}
