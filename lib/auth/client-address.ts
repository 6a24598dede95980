import "server-only";
// Which address a request came from and which origin it was sent to. Anyone can send
// X-Forwarded-For, -Host and -Proto, so they are believed only from as many proxies in front of
// Pitstop as PITSTOP_TRUSTED_PROXY_HOPS counts (none by default).
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import proxyAddr from "proxy-addr";
import { z } from "zod";

/** Stamped by `npm start`'s front server (scripts/front-server.mjs): the socket's peer. */
export const PEER_ADDRESS_HEADER = "x-pitstop-peer";
const MAX_PROXY_HOPS = 10;
const UNKNOWN_ADDRESS = "unknown";

const proxyHopsSchema = z.coerce.number().int().min(0).max(MAX_PROXY_HOPS);

/** How many proxies stand in front of Pitstop; a wrong setting stops the server at start. */
export function trustedProxyHops(): number {
  const parsed = proxyHopsSchema.safeParse(process.env.PITSTOP_TRUSTED_PROXY_HOPS ?? "0");
  if (!parsed.success) {
    throw new Error(
      `PITSTOP_TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_PROXY_HOPS}: how many proxies stand in front of Pitstop`,
    );
  }
  return parsed.data;
}

function peerAddress(headers: Headers): string | undefined {
  // A client can send the header too; the front server overwrites it, so only its copy counts.
  if (process.env.PITSTOP_FRONT_SERVER !== "1") return undefined;
  return headers.get(PEER_ADDRESS_HEADER) ?? undefined;
}

/**
 * The client's IP address: the connection's peer, or with trusted proxies the address the
 * outermost of them saw. "unknown" when the app runs without the front server.
 */
export function clientAddress(headers: Headers): string {
  const hops = trustedProxyHops();
  // proxy-addr reads only these two fields of a Node request.
  const request = {
    headers: { "x-forwarded-for": headers.get("x-forwarded-for") ?? undefined },
    socket: { remoteAddress: peerAddress(headers) },
  } as unknown as IncomingMessage;
  const address = proxyAddr(request, (_address, hop) => hop < hops);
  return address && isIP(address) ? address : UNKNOWN_ADDRESS;
}

// Each trusted proxy appends or sets what it saw; whatever the client wrote comes before.
function forwardedValue(headers: Headers, name: string, hops: number): string | undefined {
  const values = (headers.get(name) ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean);
  return values[Math.max(0, values.length - hops)];
}

const HOST_PATTERN = /^[^\s/?#@\\]+$/;

/** The origin (`https://host:port`) the request was sent to, or null without a usable Host. */
export function requestOrigin(headers: Headers): string | null {
  const hops = trustedProxyHops();
  const forwardedHost = hops > 0 ? forwardedValue(headers, "x-forwarded-host", hops) : undefined;
  const host = forwardedHost ?? headers.get("host");
  const protocol =
    hops > 0 && forwardedValue(headers, "x-forwarded-proto", hops) === "https" ? "https" : "http";
  if (!host || !HOST_PATTERN.test(host)) return null;
  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

/** True when the browser reached Pitstop over HTTPS (through a trusted proxy). */
export function servedOverHttps(headers: Headers): boolean {
  return requestOrigin(headers)?.startsWith("https:") ?? false;
}
