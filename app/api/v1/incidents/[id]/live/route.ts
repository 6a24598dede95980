import { guardApi } from "@/lib/api/guard";
import { conditionalJson } from "@/lib/api/conditional";
import { notFound } from "@/lib/api/responses";
import { incidentVersion, viewersOf } from "@/lib/incidents/live";

// The incident page's version and who else has it open, for polling with If-None-Match.
export async function GET(
  request: Request,
  { params }: RouteContext<"/api/v1/incidents/[id]/live">,
) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const { actor } = guard.caller;
  const [version, viewers] = await Promise.all([
    incidentVersion(id),
    viewersOf(id, actor.kind === "user" ? actor.id : null),
  ]);
  if (version === null) return notFound(`Incident ${id}`);
  return conditionalJson(request, { version, viewers });
}
