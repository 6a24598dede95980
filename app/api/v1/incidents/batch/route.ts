import { guardApi } from "@/lib/api/guard";
import { idempotencyKeyFrom, idempotentResponse } from "@/lib/api/idempotent-response";
import { readJsonBody, validationError } from "@/lib/api/responses";
import { createIncidentBatchViaApi, incidentBatchSchema } from "@/lib/incidents/api-writes";

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function POST(request: Request) {
  const guard = await guardApi(request, "incident.write");
  if (!guard.ok) return guard.response;
  const key = idempotencyKeyFrom(request);
  if (!key.ok) return key.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const batch = incidentBatchSchema.safeParse(body.body);
  if (!batch.success) return validationError(batch.error);
  const { actor, idempotencyScope } = guard.caller;
  return idempotentResponse(
    await createIncidentBatchViaApi(batch.data.incidents, body.body, actor, idempotencyScope, key.key),
  );
}
