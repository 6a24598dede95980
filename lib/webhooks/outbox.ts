import "server-only";
// The webhook outbox: an event becomes one pending delivery per webhook that subscribes to it,
// written in the caller's transaction so that an event is queued if and only if its change
// commits. Delivering is the dispatcher's job (lib/webhooks/dispatcher.ts), on any instance.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/client";
import { maskBody, maskText } from "@/lib/security/secrets";
import type { WebhookEvent } from "./events";

export type OutboundEvent = {
  event: WebhookEvent;
  /** The event's fields, e.g. the incident's id, title and link; secrets are masked again here. */
  data: Record<string, unknown>;
  /** One line that reads well in Slack. */
  text: string;
  occurredAt?: Date;
};

export async function enqueueWebhookEvent(
  tx: Prisma.TransactionClient,
  outbound: OutboundEvent,
): Promise<number> {
  const hooks = await tx.webhook.findMany({
    where: { disabledAt: null },
    select: { id: true, events: true },
  });
  const subscribed = hooks.filter((hook) =>
    (JSON.parse(hook.events) as string[]).includes(outbound.event),
  );
  if (subscribed.length === 0) return 0;
  const occurredAt = (outbound.occurredAt ?? new Date()).toISOString();
  const data = maskBody(outbound.data);
  const text = maskText(outbound.text);
  const now = new Date();
  await tx.webhookDelivery.createMany({
    data: subscribed.map((hook) => {
      const id = randomUUID();
      return {
        id,
        webhookId: hook.id,
        event: outbound.event,
        payload: JSON.stringify({ id, event: outbound.event, occurredAt, data, text }),
        status: "pending",
        nextAttemptAt: now,
      };
    }),
  });
  return subscribed.length;
}
