import "server-only";
// Sends the outbox (lib/webhooks/outbox.ts). Any number of app instances may run one: a due
// delivery is claimed with a conditional update that reserves its next attempt number and a
// lease, so one attempt is sent once. Every attempt is logged; 2xx delivers, anything else
// waits for the next step of the retry schedule, and after the last the delivery has failed.
import { createHmac } from "node:crypto";
import { Agent, request } from "undici";
import { db } from "@/lib/db/client";
import { checkedLookup, refusedUrl, type Lookup } from "./destination";
import { retryScheduleFromEnv } from "./schema";

export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_POLL_MS = 1_000;
const DEFAULT_MAX_IN_FLIGHT = 8;
// A lease outlives the attempt's own timeout, so it only lapses when its instance died.
const LEASE_MARGIN_MS = 30_000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (DESIGN.md "Outbound webhooks"). */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${digest}`;
}

export type DispatcherOptions = {
  /** Seconds before each retry; a delivery gets one try plus one per entry. */
  retryScheduleS: readonly number[];
  timeoutMs?: number;
  pollMs?: number;
  maxInFlight?: number;
  /** Stands in for the system resolver (tests); every answer is still checked. */
  lookup?: Lookup;
};

type Claim = {
  id: string;
  attempt: number;
  event: string;
  payload: string;
  url: string;
  secret: string;
};

type Outcome = { at: Date; statusCode: number | null; error: string | null; durationMs: number };

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError")
    return `timed out after ${timeoutMs / 1000} s`;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return code && !error.message.includes(code)
      ? `${code}: ${error.message}${cause}`
      : `${error.message}${cause}`;
  }
  return String(error);
}

export class WebhookDispatcher {
  readonly #schedule: readonly number[];
  readonly #timeoutMs: number;
  readonly #pollMs: number;
  readonly #maxInFlight: number;
  readonly #agent: Agent;
  readonly #sends = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #claiming = false;

  constructor(options: DispatcherOptions) {
    this.#schedule = options.retryScheduleS;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.#maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.#agent = new Agent({
      connect: { lookup: checkedLookup({ lookup: options.lookup }), timeout: this.#timeoutMs },
    });
  }

  start(): void {
    if (this.#timer) return;
    const tick = () =>
      void this.tick().catch((error) => console.error("webhook dispatch failed", error));
    this.#timer = setInterval(tick, this.#pollMs).unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await Promise.allSettled([...this.#sends]);
    await this.#agent.close();
  }

  /** Claims what is due (up to the free sending slots) and sends it; resolves when those end. */
  async tick(): Promise<number> {
    if (this.#claiming) return 0;
    this.#claiming = true;
    let claims: Claim[];
    try {
      claims = await this.#claimDue(this.#maxInFlight - this.#sends.size);
    } finally {
      this.#claiming = false;
    }
    const sends = claims.map((claim) => {
      const send = this.#deliver(claim).finally(() => this.#sends.delete(send));
      this.#sends.add(send);
      return send;
    });
    await Promise.all(sends);
    return claims.length;
  }

  async #claimDue(slots: number): Promise<Claim[]> {
    if (slots <= 0) return [];
    const now = new Date();
    const leaseFree = [{ leaseUntil: null }, { leaseUntil: { lt: now } }];
    const due = await db.webhookDelivery.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, OR: leaseFree },
      orderBy: { nextAttemptAt: "asc" },
      take: slots,
      select: {
        id: true,
        attempts: true,
        event: true,
        payload: true,
        webhook: { select: { url: true, secret: true } },
      },
    });
    const claims: Claim[] = [];
    for (const row of due) {
      // Reserving the attempt number is the claim: whoever moved `attempts` first sends it.
      const { count } = await db.webhookDelivery.updateMany({
        where: { id: row.id, status: "pending", attempts: row.attempts, OR: leaseFree },
        data: {
          attempts: row.attempts + 1,
          leaseUntil: new Date(now.getTime() + this.#timeoutMs + LEASE_MARGIN_MS),
        },
      });
      if (count === 1)
        claims.push({
          id: row.id,
          attempt: row.attempts + 1,
          event: row.event,
          payload: row.payload,
          url: row.webhook.url,
          secret: row.webhook.secret,
        });
    }
    return claims;
  }

  async #deliver(claim: Claim): Promise<void> {
    if (claim.attempt > this.#schedule.length + 1) {
      // Its last attempt was claimed by an instance that stopped before logging it.
      await this.#finish(claim, null, "no attempts left: the last one was interrupted");
      return;
    }
    await this.#finish(claim, await this.#send(claim));
  }

  async #send(claim: Claim): Promise<Outcome> {
    const at = new Date();
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    // Checked again at send time: the setting may have changed, and a literal address skips DNS.
    const refused = refusedUrl(claim.url);
    if (refused) return { at, statusCode: null, error: refused, durationMs: 0 };
    try {
      const body = claim.payload;
      const response = await request(claim.url, {
        method: "POST",
        dispatcher: this.#agent,
        headers: {
          "content-type": "application/json",
          "user-agent": "Pitstop-Webhooks/1",
          "x-pitstop-event": claim.event,
          "x-pitstop-delivery": claim.id,
          "x-pitstop-signature": signatureHeader(
            claim.secret,
            body,
            Math.floor(at.getTime() / 1000),
          ),
        },
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await response.body.dump();
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        at,
        statusCode: response.statusCode,
        // Redirects are not followed: a 3xx could lead anywhere the checks never saw.
        error: ok ? null : `HTTP ${response.statusCode}`,
        durationMs: took(),
      };
    } catch (error) {
      return {
        at,
        statusCode: null,
        error: describeError(error, this.#timeoutMs),
        durationMs: took(),
      };
    }
  }

  async #finish(claim: Claim, outcome: Outcome | null, interrupted?: string): Promise<void> {
    const now = new Date();
    const retryInS = outcome?.error ? this.#schedule[claim.attempt - 1] : undefined;
    const status =
      outcome && outcome.error === null
        ? "delivered"
        : retryInS === undefined
          ? "failed"
          : "pending";
    await db.$transaction(async (tx) => {
      if (outcome)
        await tx.webhookAttempt.create({
          data: {
            deliveryId: claim.id,
            attempt: claim.attempt,
            at: outcome.at,
            statusCode: outcome.statusCode,
            error: outcome.error,
            durationMs: outcome.durationMs,
          },
        });
      // Only the attempt this instance claimed may move the delivery on.
      await tx.webhookDelivery.updateMany({
        where: { id: claim.id, status: "pending", attempts: claim.attempt },
        data: {
          status,
          leaseUntil: null,
          lastStatus: outcome?.statusCode ?? null,
          lastError: outcome?.error ?? interrupted ?? null,
          ...(status === "pending"
            ? { nextAttemptAt: new Date(now.getTime() + retryInS! * 1000) }
            : { finishedAt: now }),
        },
      });
    });
  }
}

type DispatcherGlobal = typeof globalThis & { pitstopWebhookDispatcher?: WebhookDispatcher };

/**
 * This process's dispatcher, started once (kept on globalThis so a reload does not start a
 * second). A bad PITSTOP_WEBHOOK_RETRY_SCHEDULE throws here, which stops the server's start.
 */
export function startWebhookDispatcher(): WebhookDispatcher {
  const global = globalThis as DispatcherGlobal;
  if (global.pitstopWebhookDispatcher) return global.pitstopWebhookDispatcher;
  const dispatcher = new WebhookDispatcher({ retryScheduleS: retryScheduleFromEnv() });
  global.pitstopWebhookDispatcher = dispatcher;
  dispatcher.start();
  return dispatcher;
}
