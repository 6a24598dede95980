// Retry timing: full-jitter backoff stays inside its window and under the cap, and a server's
// Retry-After (seconds or an HTTP date) wins when it asks for longer.
import { describe, expect, it } from "vitest";
import {
  fullJitterDelayMs,
  nextDelayMs,
  retryAfterMs,
  type RetryPolicy,
} from "@/lib/telematics/retry";

const POLICY: RetryPolicy = { maxAttempts: 5, baseMs: 200, capMs: 30_000 };

/** mulberry32: a small seeded generator, so a failure names the draws that caused it. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("full jitter", () => {
  it("draws from [0, min(cap, base * 2^attempt)) and covers the window", () => {
    const random = seeded(20261123);
    for (const attempt of [0, 1, 2, 3, 6]) {
      const window = Math.min(POLICY.capMs, POLICY.baseMs * 2 ** attempt);
      const delays = Array.from({ length: 2_000 }, () =>
        fullJitterDelayMs(POLICY, attempt, random),
      );
      expect(Math.min(...delays), `attempt ${attempt}`).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays), `attempt ${attempt}`).toBeLessThan(window);
      // Spread over the whole window, not bunched at one end (full jitter, not equal jitter).
      expect(Math.min(...delays)).toBeLessThan(window * 0.05);
      expect(Math.max(...delays)).toBeGreaterThan(window * 0.95);
    }
  });

  it("never waits longer than the cap however many attempts were made", () => {
    expect(fullJitterDelayMs(POLICY, 30, () => 0.999_999)).toBe(29_999);
    expect(fullJitterDelayMs(POLICY, 0, () => 0.999_999)).toBe(199);
    expect(fullJitterDelayMs(POLICY, 3, () => 0)).toBe(0);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2026-11-23T10:00:00Z");

  it("reads delta-seconds and HTTP dates", () => {
    expect(retryAfterMs("3", now)).toBe(3_000);
    expect(retryAfterMs(" 7 ", now)).toBe(7_000);
    expect(retryAfterMs("Mon, 23 Nov 2026 10:00:05 GMT", now)).toBe(5_000);
    expect(retryAfterMs("Mon, 23 Nov 2026 09:59:00 GMT", now)).toBe(0);
    expect(retryAfterMs("Monday, 23-Nov-26 10:00:02 GMT", now)).toBe(2_000);
    expect(retryAfterMs("Mon Nov 23 10:00:09 2026", now)).toBe(9_000);
  });

  it("gives null when absent or unreadable", () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs("", now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs("-5", now)).toBeNull();
    expect(retryAfterMs("1.5", now)).toBeNull();
  });
});

describe("nextDelayMs", () => {
  it("waits at least as long as the server asked", () => {
    expect(nextDelayMs(POLICY, 0, "1", () => 0.5)).toBe(1_000);
    expect(
      nextDelayMs(POLICY, 0, new Date(Date.now() + 4_000).toUTCString(), () => 0.5),
    ).toBeGreaterThan(2_000);
  });

  it("keeps the jitter when it is longer than the server's ask", () => {
    expect(nextDelayMs(POLICY, 6, "1", () => 0.5)).toBe(6_400);
    expect(nextDelayMs(POLICY, 1, null, () => 0.5)).toBe(200);
  });

  it("caps even a server's ask", () => {
    expect(nextDelayMs(POLICY, 0, "120", () => 0)).toBe(30_000);
    expect(
      nextDelayMs({ ...POLICY, capMs: 5_000 }, 0, "Mon, 01 Jan 2100 00:00:00 GMT", () => 0),
    ).toBe(5_000);
  });
});
