import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { apiError, readJsonBody, validationError } from "@/lib/api/responses";
import { runbookEntryJson } from "@/lib/runbooks/json";
import { reviewSchema } from "@/lib/runbooks/schema";
import { reviewRunbookEntry } from "@/lib/runbooks/store";

const STATUS_FOR = {
  not_found: 404,
  forbidden: 403,
  illegal_transition: 409,
  stale: 409,
  unchanged: 409,
  incident_not_found: 404,
} as const;

/** A support lead's decision on the version in review: {decision, comment}. */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/v1/runbooks/[id]/reviews">,
) {
  const guard = await guardApi(request, "runbook.review");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, 16_384);
  if (!body.ok) return body.response;
  const review = reviewSchema.safeParse(body.body);
  if (!review.success) return validationError(review.error);
  const { id } = await params;
  const result = await reviewRunbookEntry(id, review.data, guard.caller.actor);
  if (!result.ok) return apiError(STATUS_FOR[result.reason], result.reason, result.message);
  return NextResponse.json(runbookEntryJson(result.entry), { status: 201 });
}
