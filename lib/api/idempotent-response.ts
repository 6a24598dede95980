import "server-only";
// Idempotent creates over /api/v1: the Idempotency-Key, the shared request handling, and the
// HTTP answer for a write's outcome.
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Action } from "@/lib/auth/policy";
import type { ApiWriteOutcome } from "@/lib/incidents/api-writes";
import { idempotencyKeySchema } from "@/lib/incidents/idempotency";
import { guardApi } from "./guard";
import { apiError, readJsonBody, validationError } from "./responses";

function idempotencyKeyFrom(request: Request) {
  const header = request.headers.get("idempotency-key");
  if (header === null) return { ok: true as const, key: null };
  const parsed = idempotencyKeySchema.safeParse(header);
  return parsed.success
    ? { ok: true as const, key: parsed.data }
    : {
        ok: false as const,
        response: apiError(
          400,
          "validation_failed",
          parsed.error.issues[0]?.message ?? "bad Idempotency-Key",
          {
            "Idempotency-Key": parsed.error.issues[0]?.message ?? "is not valid",
          },
        ),
      };
}

function idempotentResponse(outcome: ApiWriteOutcome) {
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

type ApiCaller = Extract<Awaited<ReturnType<typeof guardApi>>, { ok: true }>["caller"];

/**
 * A POST that creates something: authorise, read the Idempotency-Key, read and validate the
 * JSON body, then write once (a retry with the same key gets the first answer).
 */
export async function idempotentJsonWrite<T extends z.ZodType>(
  request: Request,
  options: {
    action: Action;
    maxBodyBytes: number;
    schema: T;
    write: (
      input: z.output<T>,
      requestBody: unknown,
      caller: ApiCaller,
      idempotencyKey: string | null,
    ) => Promise<ApiWriteOutcome>;
  },
) {
  const guard = await guardApi(request, options.action);
  if (!guard.ok) return guard.response;
  const key = idempotencyKeyFrom(request);
  if (!key.ok) return key.response;
  const body = await readJsonBody(request, options.maxBodyBytes);
  if (!body.ok) return body.response;
  const input = options.schema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  return idempotentResponse(await options.write(input.data, body.body, guard.caller, key.key));
}
