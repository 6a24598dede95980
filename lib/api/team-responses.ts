import "server-only";
// How /api/v1 answers a team verb's refusal (lib/incidents/team): 404, 400 naming the field, or
// 409 naming who changed the incident first.
import type { TeamRefusal } from "@/lib/incidents/team";
import { apiError, notFound } from "./responses";

export function teamRefusalResponse(refusal: TeamRefusal, incidentId: string) {
  switch (refusal.reason) {
    case "not_found":
      return notFound(`Incident ${incidentId}`);
    case "invalid":
      return apiError(400, "validation_failed", refusal.message, refusal.fields);
    case "conflict":
      return apiError(409, "conflict", refusal.message);
  }
}
