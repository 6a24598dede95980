// Smartcar-style webhook deliveries: a JSON event ({eventId, eventType, data, meta}) signed in
// SC-Signature with the hex HMAC-SHA256 of the exact body, keyed with the application management
// token, which is what the SDK's verifyPayload(amt, signature, body) recomputes.
import { createHmac, randomUUID } from "node:crypto";
import type { DeliveryFormat } from "../webhooks";

export const SMARTCAR_EVENTS = ["VEHICLE_STATE", "VEHICLE_ERROR"] as const;
export type SmartcarEvent = (typeof SMARTCAR_EVENTS)[number];

/** The SDK's hashChallenge: hex HMAC-SHA256 of the text, keyed with the management token. */
export function smartcarSignature(managementToken: string, text: string): string {
  return createHmac("sha256", managementToken).update(text).digest("hex");
}

export const smartcarDeliveryFormat: DeliveryFormat<SmartcarEvent> = {
  body: (event, data, subscription) =>
    JSON.stringify({
      eventId: randomUUID(),
      eventType: event,
      data,
      meta: {
        version: "4.0",
        webhookId: subscription.id,
        deliveredAt: Date.now(),
      },
    }),
  headers: ({ subscription, body }) => ({
    "sc-signature": smartcarSignature(subscription.secret, body),
  }),
};
