// Fixed-window request counters per API key and per access token, as the vendor enforces.
import type { RateLimit } from "./fleet";

export type RateDecision = { limit: number; remaining: number; resetS: number; allowed: boolean };

export class RateLimiter {
  #windows = new Map<string, { startedMs: number; count: number }>();

  take(key: string, rule: RateLimit, nowMs = Date.now()): RateDecision {
    const windowMs = rule.windowS * 1000;
    let window = this.#windows.get(key);
    if (!window || nowMs - window.startedMs >= windowMs) {
      window = { startedMs: nowMs - (nowMs % windowMs), count: 0 };
      this.#windows.set(key, window);
      if (this.#windows.size > 100_000) this.#windows.clear();
    }
    window.count++;
    const resetS = Math.max(1, Math.ceil((window.startedMs + windowMs - nowMs) / 1000));
    return {
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - window.count),
      resetS,
      allowed: window.count <= rule.limit,
    };
  }

  /** How many requests this key has made in its current window (for the quota console). */
  used(key: string): number {
    return this.#windows.get(key)?.count ?? 0;
  }

  clear(): void {
    this.#windows.clear();
  }
}
