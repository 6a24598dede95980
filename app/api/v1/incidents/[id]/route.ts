import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound, readJsonBody, validationError } from "@/lib/api/responses";
import { teamRefusalResponse } from "@/lib/api/team-responses";
import { getIncident, incidentJson } from "@/lib/incidents/store";
import { reopenIncident, resolveIncident, setIncidentOwner } from "@/lib/incidents/team";
import { parseIncidentPatch } from "@/lib/incidents/team-schema";

const MAX_PATCH_BYTES = 16 * 1024;

export async function GET(request: Request, { params }: RouteContext<"/api/v1/incidents/[id]">) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const incident = await getIncident(id);
  return incident ? NextResponse.json(incidentJson(incident)) : notFound(`Incident ${id}`);
}

/** One team change: the owner, a resolution with its confirmed cause, or a reopening with why. */
export async function PATCH(request: Request, { params }: RouteContext<"/api/v1/incidents/[id]">) {
  const guard = await guardApi(request, "incident.write");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_PATCH_BYTES);
  if (!body.ok) return body.response;
  const input = parseIncidentPatch(body.body);
  if (!input.success) return validationError(input.error);
  const { id } = await params;
  const change = { actor: guard.caller.actor, incidentId: id };
  const result = !("status" in input.data)
    ? await setIncidentOwner({ ...change, input: input.data })
    : input.data.status === "resolved"
      ? await resolveIncident({ ...change, input: input.data })
      : await reopenIncident({ ...change, input: input.data });
  if (!result.ok) return teamRefusalResponse(result, id);
  return NextResponse.json(incidentJson(result.incident));
}
