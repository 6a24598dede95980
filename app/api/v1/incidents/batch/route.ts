import { idempotentJsonWrite } from "@/lib/api/idempotent-response";
import { createIncidentBatchViaApi, incidentBatchSchema } from "@/lib/incidents/api-writes";

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function POST(request: Request) {
  return idempotentJsonWrite(request, {
    action: "incident.write",
    maxBodyBytes: MAX_BODY_BYTES,
    schema: incidentBatchSchema,
    write: (batch, requestBody, { actor, idempotencyScope }, key) =>
      createIncidentBatchViaApi(batch.incidents, requestBody, actor, idempotencyScope, key),
  });
}
