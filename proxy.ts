// Runs before Next.js routes a request. Each concern is its own small function: an address
// that does not decode is refused; pages learn which address was asked for (a server component
// cannot read its own URL) and get a fresh nonce for their Content-Security-Policy. This
// decides nothing about access, but refuses writes from other sites with 403.
import { NextResponse, type NextRequest } from "next/server";
import type { ApiErrorBody } from "@/lib/api/responses";
import { servedOverHttps } from "@/lib/auth/client-address";
import { crossSiteWriteRefusal } from "@/lib/auth/cross-site";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/return-path";
import {
  NONCE_HEADER,
  newNonce,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/http/content-security-policy";

const MALFORMED_PATH_MESSAGE = "The address is not valid percent-encoded UTF-8.";

// Next's router fails to decode such a path and, unable to render its own 400, answers 500.
function refuseMalformedPath(request: NextRequest): NextResponse | null {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return null;
  } catch {
    if (isApiOrHealth(request)) {
      return NextResponse.json<ApiErrorBody>(
        { error: "malformed_path", message: MALFORMED_PATH_MESSAGE },
        { status: 400 },
      );
    }
    return new NextResponse(MALFORMED_PATH_MESSAGE, {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
}

function isApiOrHealth(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  return pathname.startsWith("/api/") || pathname === "/health";
}

function rememberRequestedPath(request: NextRequest, headers: Headers): void {
  const url = request.nextUrl.clone();
  // Next's own cache-busting parameter on client navigations is not part of the address.
  url.searchParams.delete("_rsc");
  headers.set(REQUESTED_PATH_HEADER, `${url.pathname}${url.search}`);
}

function securePage(request: NextRequest, requestHeaders: Headers): NextResponse {
  const nonce = newNonce();
  const https = servedOverHttps(request.headers);
  const policy = pageContentSecurityPolicy(nonce, {
    https,
    development: process.env.NODE_ENV === "development",
  });
  requestHeaders.set(NONCE_HEADER, nonce);
  // Next.js reads the nonce from the request's policy and puts it on its own scripts.
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export function proxy(request: NextRequest) {
  const malformed = refuseMalformedPath(request);
  if (malformed) return malformed;
  // Next answers a cross-origin server action with a 500 before our code runs.
  const crossSite = crossSiteWriteRefusal(request.method, request.headers);
  if (crossSite) return crossSite;
  if (isApiOrHealth(request)) return NextResponse.next();
  const headers = new Headers(request.headers);
  rememberRequestedPath(request, headers);
  return securePage(request, headers);
}

export const config = {
  // Every route but static files: API routes pass through after the path check.
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
