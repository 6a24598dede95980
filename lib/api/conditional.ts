// JSON that a client polls: tagged with an ETag of its bytes, and a bare 304 when the client's
// If-None-Match already names it, so an unchanged poll costs no body.
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";

const HEADERS = {
  // Per caller (a viewer list leaves the caller out) and always revalidated.
  "Cache-Control": "private, no-cache",
  Vary: "Cookie, Authorization",
};

/**
 * RFC 9110 §13.1.2: a list of entity tags or "*", compared weakly (a W/ prefix is ignored).
 * Written here rather than taken from jshttp's `fresh`: that also honours a request's
 * Cache-Control: no-cache, which browsers send on no-store fetches, so every poll would be a 200.
 */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === etag);
}

export function conditionalJson(request: Request, body: unknown): NextResponse {
  const json = JSON.stringify(body);
  const etag = `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`;
  if (matches(request.headers.get("if-none-match"), etag))
    return new NextResponse(null, { status: 304, headers: { ETag: etag, ...HEADERS } });
  return new NextResponse(json, {
    status: 200,
    headers: { "Content-Type": "application/json", ETag: etag, ...HEADERS },
  });
}
