import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { apiError, readJsonBody, validationError } from "@/lib/api/responses";
import { webhookInputSchema } from "@/lib/webhooks/schema";
import { createWebhook, listWebhooks, webhookJson } from "@/lib/webhooks/store";

const MAX_BODY_BYTES = 8 * 1024;

/** Every webhook with its last delivery; secrets are never listed. */
export async function GET(request: Request) {
  const guard = await guardApi(request, "webhooks.manage");
  if (!guard.ok) return guard.response;
  return NextResponse.json({ items: (await listWebhooks()).map(webhookJson) });
}

/** 201 with the secret, the one time it is ever shown. */
export async function POST(request: Request) {
  const guard = await guardApi(request, "webhooks.manage");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = webhookInputSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const result = await createWebhook(input.data, guard.caller.actor);
  if (!result.ok) return apiError(400, "validation_failed", result.fields.url, result.fields);
  return NextResponse.json(
    { ...webhookJson(result.webhook), secret: result.secret },
    { status: 201 },
  );
}
