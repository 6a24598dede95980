// Turns an idempotent write's outcome into the HTTP answer.
import { NextResponse } from "next/server";
import type { ApiWriteOutcome } from "@/lib/incidents/api-writes";
import { idempotencyKeySchema } from "@/lib/incidents/idempotency";
import { apiError } from "./responses";

export function idempotencyKeyFrom(request: Request) {
  const header = request.headers.get("idempotency-key");
  if (header === null) return { ok: true as const, key: null };
  const parsed = idempotencyKeySchema.safeParse(header);
  return parsed.success
    ? { ok: true as const, key: parsed.data }
    : {
        ok: false as const,
        response: apiError(400, "validation_failed", parsed.error.issues[0]?.message ?? "bad Idempotency-Key", {
          "Idempotency-Key": parsed.error.issues[0]?.message ?? "is not valid",
        }),
      };
}

export function idempotentResponse(outcome: ApiWriteOutcome) {
  if ("conflict" in outcome) {
    return apiError(
      422,
      "idempotency_key_reused",
      "This Idempotency-Key was already used with a different body; use a new key for a new request.",
      { "Idempotency-Key": "was already used with a different body" },
    );
  }
  return NextResponse.json(outcome.body, {
    status: outcome.status,
    headers: outcome.replayed ? { "Idempotent-Replayed": "true" } : undefined,
  });
}
