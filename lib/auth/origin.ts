import "server-only";
// Next.js checks a Server Action's Origin against its Host, but lets a request without an
// Origin header through. State-changing requests that rely on the session cookie must carry
// an Origin naming this host.

export function isSameOrigin(requestHeaders: Headers): boolean {
  const origin = requestHeaders.get("origin");
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host.split(",")[0]?.trim();
  } catch {
    return false;
  }
}
