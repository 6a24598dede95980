// The outbound webhook events (DESIGN.md "Outbound webhooks", a contract).
import { z } from "zod";

export const WEBHOOK_EVENTS = [
  "incident.created",
  "incident.acknowledged",
  "incident.owner_changed",
  "incident.resolved",
  "incident.reopened",
  "probe.down",
  "probe.recovered",
  "runbook.review_requested",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const webhookEventSchema = z.enum(WEBHOOK_EVENTS, {
  error: `each event must be one of ${WEBHOOK_EVENTS.join(", ")}`,
});
