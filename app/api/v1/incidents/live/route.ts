import { guardApi } from "@/lib/api/guard";
import { conditionalJson } from "@/lib/api/conditional";
import { apiError, validationError } from "@/lib/api/responses";
import { listVersion } from "@/lib/incidents/live";
import {
  incidentListQuerySchema,
  resolveOwner,
  searchParamsToObject,
} from "@/lib/incidents/list-query";

// The list's version for the same query string as GET /api/v1/incidents: polled with
// If-None-Match, it answers 304 until an incident is filed or changed.
export async function GET(request: Request) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const parsed = incidentListQuerySchema.safeParse(
    searchParamsToObject(new URL(request.url).searchParams),
  );
  if (!parsed.success) return validationError(parsed.error);
  const resolved = resolveOwner(parsed.data, guard.caller.actor);
  if (!resolved.ok)
    return apiError(400, "validation_failed", resolved.errors.owner!, resolved.errors);
  return conditionalJson(request, await listVersion(resolved.query));
}
