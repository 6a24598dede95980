import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { idempotencyKeyFrom, idempotentResponse } from "@/lib/api/idempotent-response";
import { readJsonBody, validationError } from "@/lib/api/responses";
import { createIncidentViaApi } from "@/lib/incidents/api-writes";
import { incidentListQuerySchema, searchParamsToObject } from "@/lib/incidents/list-query";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { listIncidents, listSignatureGroups } from "@/lib/incidents/store";

const MAX_BODY_BYTES = 64 * 1024;

export async function GET(request: Request) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const query = incidentListQuerySchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!query.success) return validationError(query.error);
  const { rows, total } =
    query.data.view === "groups" ? await listSignatureGroups(query.data) : await listIncidents(query.data);
  return NextResponse.json({ view: query.data.view, page: query.data.page, pageSize: query.data.pageSize, total, items: rows });
}

export async function POST(request: Request) {
  const guard = await guardApi(request, "incident.write");
  if (!guard.ok) return guard.response;
  const key = idempotencyKeyFrom(request);
  if (!key.ok) return key.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = incidentInputSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const { actor, idempotencyScope } = guard.caller;
  return idempotentResponse(await createIncidentViaApi(input.data, body.body, actor, idempotencyScope, key.key));
}
