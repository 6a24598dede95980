// Fixed-window request counters per API key and per access token, as the vendor enforces. Each
// counter belongs to a scope ("api key", "token", a Smartcar vehicle...), a key within it and
// the limit and window it counts against, so a fault's tighter limit counts apart from the usual
// one. Looked up without building a string: every vendor request takes one or two.
import type { RateLimit } from "./fleet";

export type RateDecision = { limit: number; remaining: number; resetS: number; allowed: boolean };

type Window = { scope: string; limit: number; windowS: number; startedMs: number; count: number };

/** Keys counted before the counters start over: a bound on memory, not a vendor behaviour. */
const MAX_KEYS = 100_000;

export class RateLimiter {
  // A key's windows, one per scope and rule it was counted under (almost always one).
  #windows = new Map<string, Window[]>();

  #find(scope: string, key: string, rule: RateLimit): Window | undefined {
    const windows = this.#windows.get(key);
    if (!windows) return undefined;
    for (const window of windows) {
      if (window.scope === scope && window.limit === rule.limit && window.windowS === rule.windowS)
        return window;
    }
    return undefined;
  }

  take(scope: string, key: string, rule: RateLimit, nowMs = Date.now()): RateDecision {
    const windowMs = rule.windowS * 1000;
    let window = this.#find(scope, key, rule);
    if (!window) {
      if (this.#windows.size >= MAX_KEYS) this.#windows.clear();
      window = { scope, limit: rule.limit, windowS: rule.windowS, startedMs: 0, count: 0 };
      const windows = this.#windows.get(key);
      if (windows) windows.push(window);
      else this.#windows.set(key, [window]);
    }
    if (nowMs - window.startedMs >= windowMs) {
      window.startedMs = nowMs - (nowMs % windowMs);
      window.count = 0;
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
  used(scope: string, key: string, rule: RateLimit): number {
    return this.#find(scope, key, rule)?.count ?? 0;
  }

  clear(): void {
    this.#windows.clear();
  }
}
