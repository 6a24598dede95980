// In front of Next (proxy.ts): a state-changing request another site's page could have sent.
// Next answers a cross-origin server action with a 500 before our code runs; this answers 403.
import { isSameOrigin } from "./origin";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A server action (it carries `Next-Action`) must name this host in Origin; any other write
 * that names an Origin must name this one. Writes without Origin (API clients with a bearer
 * token) are left to the route's own guard.
 */
export function crossSiteWriteRefusal(method: string, requestHeaders: Headers): Response | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const claimsAPage = requestHeaders.has("next-action") || requestHeaders.has("origin");
  if (!claimsAPage || isSameOrigin(requestHeaders)) return null;
  return new Response("Cross-site request refused: it did not come from a Pitstop page.\n", {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
