import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { teamRefusalResponse } from "@/lib/api/team-responses";
import { acknowledgeIncident } from "@/lib/incidents/team";

/** Acknowledges the incident for the caller; 409 naming who did when someone already has. */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/v1/incidents/[id]/acknowledge">,
) {
  const guard = await guardApi(request, "incident.write");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const result = await acknowledgeIncident({ actor: guard.caller.actor, incidentId: id });
  if (!result.ok) return teamRefusalResponse(result, id);
  const { acknowledgedBy, acknowledgedAt } = result.incident;
  return NextResponse.json({ id, acknowledgedBy, acknowledgedAt: acknowledgedAt?.toISOString() });
}
