// Fixed-window request counters per API key and per access token, as the vendor enforces. Each
// counter belongs to a scope ("api key", "token", a Smartcar vehicle...), a key within it and
// the limit and window it counts against, so a fault's tighter limit counts apart from the usual
// one. Looked up without building a string: every vendor request takes one or two.
import type { RateLimit } from "./fleet";

export type RateDecision = { limit: number; remaining: number; resetS: number; allowed: boolean };

type Counter = { scope: string; limit: number; windowS: number; startedMs: number; count: number };

/** Keys counted before the counters start over: a bound on memory, not a vendor behaviour. */
const MAX_KEYS = 100_000;

export class RateLimiter {
  // A key's counters, one per scope and rule it was counted under (almost always one).
  #counters = new Map<string, Counter[]>();

  #find(scope: string, key: string, rule: RateLimit): Counter | undefined {
    const counters = this.#counters.get(key);
    if (!counters) return undefined;
    for (const counter of counters) {
      if (
        counter.scope === scope &&
        counter.limit === rule.limit &&
        counter.windowS === rule.windowS
      )
        return counter;
    }
    return undefined;
  }

  take(scope: string, key: string, rule: RateLimit, nowMs = Date.now()): RateDecision {
    const windowMs = rule.windowS * 1000;
    let counter = this.#find(scope, key, rule);
    if (!counter) {
      if (this.#counters.size >= MAX_KEYS) this.#counters.clear();
      counter = { scope, limit: rule.limit, windowS: rule.windowS, startedMs: 0, count: 0 };
      const counters = this.#counters.get(key);
      if (counters) counters.push(counter);
      else this.#counters.set(key, [counter]);
    }
    if (nowMs - counter.startedMs >= windowMs) {
      counter.startedMs = nowMs - (nowMs % windowMs);
      counter.count = 0;
    }
    counter.count++;
    const resetS = Math.max(1, Math.ceil((counter.startedMs + windowMs - nowMs) / 1000));
    return {
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - counter.count),
      resetS,
      allowed: counter.count <= rule.limit,
    };
  }

  /** How many requests this key has made in its current window (for the quota console). */
  used(scope: string, key: string, rule: RateLimit): number {
    return this.#find(scope, key, rule)?.count ?? 0;
  }

  clear(): void {
    this.#counters.clear();
  }
}
