// Retry timing: "full jitter" exponential backoff (a random wait between 0 and
// min(cap, base * 2^attempt)), except that a Retry-After from the server wins when it is longer.

export type RetryPolicy = { maxAttempts: number; baseMs: number; capMs: number };
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 1, baseMs: 200, capMs: 30_000 };

export function fullJitterDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt));
}

const HTTP_DATE_SHAPE =
  /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b.*\b\d{2}:\d{2}:\d{2}\b/;

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in ms; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse takes almost anything ("-5" is a year); an HTTP date in any of its three forms
  // names a month and a time of day.
  if (!HTTP_DATE_SHAPE.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function nextDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: string | null,
  random?: () => number,
): number {
  const jitter = fullJitterDelayMs(policy, attempt, random);
  const serverAsked = retryAfterMs(retryAfter);
  return Math.min(policy.capMs, serverAsked !== null ? Math.max(serverAsked, jitter) : jitter);
}
