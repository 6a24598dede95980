// Reading HTTP credentials off a request the way Smartcar's clients send them.
import type { FastifyRequest } from "fastify";

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** HTTP Basic credentials as [user, password], or null. */
export function basicCredentials(request: FastifyRequest): [string, string] | null {
  const encoded = header(request, "authorization")?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/** The bearer token of the Authorization header, or undefined. */
export const bearerToken = (request: FastifyRequest): string | undefined =>
  header(request, "authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
