// Webhook subscriptions and deliveries: each event is POSTed to the subscriber's URL, signed
// (the Toyota-style face: HMAC-SHA256 over "<timestamp>.<body>"; another face brings its own
// format), retried with exponential backoff, and every attempt is logged with the answer it got.
import { createHmac, randomBytes, randomUUID } from "node:crypto";

export const WEBHOOK_EVENTS = [
  "command.completed",
  "command.failed",
  "subscription.changed",
  "vehicle.linked",
  "vehicle.unlinked",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type WebhookSubscription<E extends string = WebhookEvent> = {
  id: string;
  tenant: string;
  url: string;
  events: E[];
  secret: string;
  createdAt: string;
};
export type DeliveryAttempt<E extends string = WebhookEvent> = {
  deliveryId: string;
  subscriptionId: string;
  tenant: string;
  event: E;
  attempt: number;
  at: string;
  url: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  outcome: "delivered" | "retrying" | "failed";
};

const MAX_ATTEMPTS = 5;
const ATTEMPT_TIMEOUT_MS = 5_000;
const LOG_LIMIT = 5_000;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** How a face writes and signs a delivery. */
export type DeliveryFormat<E extends string> = {
  body: (event: E, data: Record<string, unknown>, subscription: WebhookSubscription<E>) => string;
  headers: (input: {
    subscription: WebhookSubscription<E>;
    event: E;
    body: string;
    deliveryId: string;
    timestamp: number;
  }) => Record<string, string>;
};

const simulatorFormat: DeliveryFormat<WebhookEvent> = {
  body: (event, data) =>
    JSON.stringify({
      id: `evt_${randomUUID()}`,
      type: event,
      createdAt: new Date().toISOString(),
      data,
    }),
  headers: ({ subscription, event, body, deliveryId, timestamp }) => ({
    "x-sim-webhook-id": deliveryId,
    "x-sim-event": event,
    "x-sim-timestamp": String(timestamp),
    "x-sim-signature": signWebhook(subscription.secret, timestamp, body),
  }),
};

export class WebhookDispatcher<E extends string = WebhookEvent> {
  #subscriptions: WebhookSubscription<E>[] = [];
  #log: DeliveryAttempt<E>[] = [];
  #timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly backoffBaseMs: number,
    private readonly format: DeliveryFormat<E> = simulatorFormat as unknown as DeliveryFormat<E>,
  ) {}

  subscribe(tenant: string, url: string, events: E[], secret?: string): WebhookSubscription<E> {
    const subscription = {
      id: `wh_${randomUUID()}`,
      tenant,
      url,
      events,
      secret: secret ?? `whsec_${randomBytes(24).toString("base64url")}`,
      createdAt: new Date().toISOString(),
    };
    this.#subscriptions.push(subscription);
    return subscription;
  }

  unsubscribe(tenant: string, id: string): boolean {
    const before = this.#subscriptions.length;
    this.#subscriptions = this.#subscriptions.filter(
      (subscription) => !(subscription.id === id && subscription.tenant === tenant),
    );
    return this.#subscriptions.length < before;
  }

  subscriptions(tenant: string): WebhookSubscription<E>[] {
    return this.#subscriptions.filter((subscription) => subscription.tenant === tenant);
  }

  deliveries(tenant: string | null, limit: number): DeliveryAttempt<E>[] {
    return this.#log
      .filter((attempt) => !tenant || attempt.tenant === tenant)
      .slice(-limit)
      .reverse();
  }

  /**
   * Sends an event to every subscriber of every tenant it concerns (null: all tenants), or
   * only to those `only` accepts.
   */
  emit(
    tenants: string[] | null,
    event: E,
    data: Record<string, unknown>,
    only?: (subscription: WebhookSubscription<E>) => boolean,
  ): void {
    for (const subscription of this.#subscriptions) {
      if (tenants && !tenants.includes(subscription.tenant)) continue;
      if (!subscription.events.includes(event)) continue;
      if (only && !only(subscription)) continue;
      const body = this.format.body(event, data, subscription);
      void this.#attempt(subscription, event, body, `dlv_${randomUUID()}`, 1);
    }
  }

  async #attempt(
    subscription: WebhookSubscription<E>,
    event: E,
    body: string,
    deliveryId: string,
    attempt: number,
  ): Promise<void> {
    const started = performance.now();
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(subscription.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...this.format.headers({ subscription, event, body, deliveryId, timestamp }),
        },
        body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        redirect: "manual",
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (failure) {
      error =
        (failure as Error).name === "TimeoutError"
          ? "timeout"
          : (((failure as Error).cause as Error | undefined)?.message ??
            (failure as Error).message);
    }
    const delivered = status !== null && status >= 200 && status < 300;
    const outcome = delivered ? "delivered" : attempt >= MAX_ATTEMPTS ? "failed" : "retrying";
    this.#log.push({
      deliveryId,
      subscriptionId: subscription.id,
      tenant: subscription.tenant,
      event,
      attempt,
      at: new Date().toISOString(),
      url: subscription.url,
      status,
      error,
      durationMs: Math.round(performance.now() - started),
      outcome,
    });
    if (this.#log.length > LOG_LIMIT) this.#log.splice(0, this.#log.length - LOG_LIMIT);
    if (outcome !== "retrying") return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        void this.#attempt(subscription, event, body, deliveryId, attempt + 1);
      },
      this.backoffBaseMs * 2 ** (attempt - 1),
    );
    this.#timers.add(timer);
  }

  reset(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#subscriptions = [];
    this.#log = [];
  }
}
