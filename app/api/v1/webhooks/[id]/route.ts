import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { apiError, notFound } from "@/lib/api/responses";
import { disableWebhook, getWebhook, webhookJson } from "@/lib/webhooks/store";

export async function GET(request: Request, { params }: RouteContext<"/api/v1/webhooks/[id]">) {
  const guard = await guardApi(request, "webhooks.manage");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const webhook = await getWebhook(id);
  return webhook ? NextResponse.json(webhookJson(webhook)) : notFound(`Webhook ${id}`);
}

/** Disables the webhook: nothing more is sent and its pending deliveries fail; its log stays. */
export async function DELETE(request: Request, { params }: RouteContext<"/api/v1/webhooks/[id]">) {
  const guard = await guardApi(request, "webhooks.manage");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const result = await disableWebhook(id, guard.caller.actor);
  if (result.ok) return NextResponse.json(webhookJson(result.webhook));
  if (result.reason === "not_found") return notFound(`Webhook ${id}`);
  return apiError(
    409,
    "already_disabled",
    `Webhook ${id} was already disabled at ${result.disabledAt.toISOString()}.`,
  );
}
