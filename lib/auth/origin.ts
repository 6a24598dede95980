import "server-only";
// Next.js checks a Server Action's Origin against its Host, but lets a request without an
// Origin header through. State-changing requests that rely on the session cookie must carry
// an Origin naming this host.
import { requestOrigin } from "./client-address";

export function isSameOrigin(requestHeaders: Headers): boolean {
  const origin = requestHeaders.get("origin");
  const ours = requestOrigin(requestHeaders);
  if (!origin || !ours) return false;
  // Hosts only: behind a TLS proxy not (yet) declared trusted, the scheme we see is http.
  try {
    return new URL(origin).host === new URL(ours).host;
  } catch {
    return false;
  }
}
