// The page Content-Security-Policy: scripts run only with this response's nonce (Next.js puts
// it on its own scripts when it finds it in the request's policy; the root layout on ours).
// Styles may be inline: the charts set style attributes.
import { randomBytes } from "node:crypto";

/** Request header proxy.ts sets so the root layout can put the nonce on its inline script. */
export const NONCE_HEADER = "x-nonce";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function pageContentSecurityPolicy(
  nonce: string,
  { https, development }: { https: boolean; development: boolean },
): string {
  return [
    "default-src 'self'",
    // Next's dev server evaluates code for fast refresh; a production build never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Sent on pages only once the browser reached Pitstop over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";
