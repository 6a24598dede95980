import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { idempotentJsonWrite } from "@/lib/api/idempotent-response";
import { apiError, validationError } from "@/lib/api/responses";
import { createIncidentViaApi } from "@/lib/incidents/api-writes";
import {
  incidentListQuerySchema,
  resolveOwner,
  searchParamsToObject,
} from "@/lib/incidents/list-query";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { listIncidents, listSignatureGroups } from "@/lib/incidents/store";

const MAX_BODY_BYTES = 64 * 1024;

export async function GET(request: Request) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const query = incidentListQuerySchema.safeParse(
    searchParamsToObject(new URL(request.url).searchParams),
  );
  if (!query.success) return validationError(query.error);
  const resolved = resolveOwner(query.data, guard.caller.actor);
  if (!resolved.ok)
    return apiError(400, "validation_failed", resolved.errors.owner!, resolved.errors);
  const { rows, total } =
    resolved.query.view === "groups"
      ? await listSignatureGroups(resolved.query)
      : await listIncidents(resolved.query);
  return NextResponse.json({
    view: resolved.query.view,
    page: resolved.query.page,
    pageSize: resolved.query.pageSize,
    total,
    items: rows,
  });
}

export function POST(request: Request) {
  return idempotentJsonWrite(request, {
    action: "incident.write",
    maxBodyBytes: MAX_BODY_BYTES,
    schema: incidentInputSchema,
    write: (input, requestBody, { actor, idempotencyScope }, key) =>
      createIncidentViaApi(input, requestBody, actor, idempotencyScope, key),
  });
}
