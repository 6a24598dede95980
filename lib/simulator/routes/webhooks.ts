// Webhook subscriptions per tenant.
import { z } from "zod";
import { vendorErrors } from "../errors";
import type { RouteSpec } from "../route-spec";
import { WEBHOOK_EVENTS } from "../webhooks";

const api = { mount: "environment", auth: "api_key", api: true } as const;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

const subscriptionRequestSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).max(2_000),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `events must be among ${WEBHOOK_EVENTS.join(", ")}` }))
    .min(1, { error: "events must name at least one event" })
    .max(WEBHOOK_EVENTS.length),
});

export const webhookRoutes: RouteSpec[] = [
  {
    ...api,
    method: "POST",
    path: "/v1/webhooks",
    body: subscriptionRequestSchema,
    summary: "Subscribe a URL to events; deliveries are signed with the returned secret",
    tag: "Webhooks",
    responses: {
      201: "Subscription with its signing secret (shown once)",
      400: "Invalid url or events",
      403: "Client may not manage webhooks",
    },
    handler({ env, tenant, body }) {
      const { url, events } = body as z.infer<typeof subscriptionRequestSchema>;
      if (!tenant!.allowedScopes.includes("webhook:manage"))
        throw vendorErrors.forbidden("This client may not manage webhooks.");
      if (!env.options.allowAnyWebhookHost && !LOOPBACK.test(new URL(url).hostname)) {
        throw vendorErrors.badRequest(
          "INVALID_REQUEST",
          "body.url: the simulator delivers webhooks to loopback addresses only",
          { fields: { "body.url": "must be a loopback address" } },
        );
      }
      return { status: 201, body: env.webhooks.subscribe(tenant!.id, url, [...new Set(events)]) };
    },
  },
  {
    ...api,
    method: "GET",
    path: "/v1/webhooks",
    summary: "This client's webhook subscriptions (secrets withheld)",
    tag: "Webhooks",
    responses: { 200: "Subscriptions" },
    handler({ env, tenant }) {
      return {
        body: {
          webhooks: env.webhooks
            .subscriptions(tenant!.id)
            .map(({ secret: _secret, ...visible }) => visible),
        },
      };
    },
  },
  {
    ...api,
    method: "DELETE",
    path: "/v1/webhooks/:webhookId",
    params: z.object({ webhookId: z.string().min(1).max(100) }),
    summary: "Remove a webhook subscription",
    tag: "Webhooks",
    responses: { 204: "Removed", 404: "Unknown subscription" },
    handler({ env, tenant, params }) {
      if (!env.webhooks.unsubscribe(tenant!.id, params.webhookId ?? ""))
        throw vendorErrors.notFound("Webhook subscription");
      return { status: 204, body: null };
    },
  },
];
