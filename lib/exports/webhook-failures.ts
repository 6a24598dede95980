import "server-only";
// Failed webhook delivery attempts, read from the vendor console
// (/{env}/console/webhook-deliveries, newest first, at most its last 1,000 attempts per call).
// Every attempt that did not get a 2xx counts: retries that later succeeded as well as the
// deliveries that gave up ("failed"), so the outcome column tells them apart.
import { z } from "zod";
import { vendorGateway } from "@/lib/diagnosis/diagnose";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import { readBody, TelematicsClient, type VendorEnvironment } from "@/lib/telematics/client";

const deliverySchema = z.object({
  deliveryId: z.string(),
  subscriptionId: z.string(),
  tenant: z.string(),
  event: z.string(),
  attempt: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  url: z.string(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  outcome: z.enum(["delivered", "retrying", "failed"]),
});
const deliveriesSchema = z.object({ deliveries: z.array(deliverySchema) });

export type WebhookFailure = z.infer<typeof deliverySchema> & { environment: VendorEnvironment };
export type WebhookFailures =
  { ok: true; failures: WebhookFailure[] } | { ok: false; problem: string };

const DELIVERY_LOG_LIMIT = 1_000;
const TIMEOUT_MS = 5_000;

/** Failed attempts in [start, end) in both environments, oldest first. */
export async function webhookFailures(start: Date, end: Date): Promise<WebhookFailures> {
  const { baseUrl, adminKey } = vendorGateway().options;
  const client = new TelematicsClient({ baseUrl, timeoutMs: TIMEOUT_MS });
  const failures: WebhookFailure[] = [];
  for (const environment of ENVIRONMENTS) {
    const exchange = await client.send({
      method: "GET",
      path: "/console/webhook-deliveries",
      environment,
      query: { limit: DELIVERY_LOG_LIMIT },
      headers: { "x-admin-key": adminKey },
    });
    if (exchange.failure)
      return {
        ok: false,
        problem: `webhook deliveries (${environment}) could not be read: ${exchange.failure.message}`,
      };
    if (exchange.response && exchange.response.status >= 400)
      return {
        ok: false,
        problem: `webhook deliveries (${environment}) answered ${exchange.response.status}`,
      };
    const read = readBody(exchange, deliveriesSchema);
    if (!read.ok)
      return {
        ok: false,
        problem: `webhook deliveries (${environment}) answered something unusable: ${read.problem}`,
      };
    for (const delivery of read.data.deliveries) {
      const at = Date.parse(delivery.at);
      if (delivery.outcome !== "delivered" && at >= start.getTime() && at < end.getTime())
        failures.push({ ...delivery, environment });
    }
  }
  return { ok: true, failures: failures.sort((a, b) => a.at.localeCompare(b.at)) };
}
