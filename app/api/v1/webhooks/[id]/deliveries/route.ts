import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound, validationError } from "@/lib/api/responses";
import { searchParamsToObject } from "@/lib/incidents/list-query";
import { deliveriesQuerySchema } from "@/lib/webhooks/schema";
import { deliveryJson, getWebhook, listDeliveries } from "@/lib/webhooks/store";

/** The webhook's newest deliveries, each with every attempt. */
export async function GET(
  request: Request,
  { params }: RouteContext<"/api/v1/webhooks/[id]/deliveries">,
) {
  const guard = await guardApi(request, "webhooks.manage");
  if (!guard.ok) return guard.response;
  const query = deliveriesQuerySchema.safeParse(
    searchParamsToObject(new URL(request.url).searchParams),
  );
  if (!query.success) return validationError(query.error);
  const { id } = await params;
  if (!(await getWebhook(id))) return notFound(`Webhook ${id}`);
  const deliveries = await listDeliveries(id, query.data.limit);
  return NextResponse.json({ items: deliveries.map(deliveryJson) });
}
