// Runs before Next.js routes a page request. Each concern is its own small function: writes
// from other sites are refused with 403; pages learn which address was asked for (a server
// component cannot read its own URL) and get a fresh nonce for their Content-Security-Policy.
// It decides nothing about access. (An address that does not decode is refused earlier, by
// scripts/front-server.mjs.)
import { NextResponse, type NextRequest } from "next/server";
import { servedOverHttps } from "@/lib/auth/client-address";
import { crossSiteWriteRefusal } from "@/lib/auth/cross-site";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/return-path";
import {
  NONCE_HEADER,
  newNonce,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/http/content-security-policy";

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
  // Next answers a cross-origin server action with a 500 before our code runs.
  const crossSite = crossSiteWriteRefusal(request.method, request.headers);
  if (crossSite) return crossSite;
  const headers = new Headers(request.headers);
  rememberRequestedPath(request, headers);
  return securePage(request, headers);
}

export const config = {
  // Pages only. On a matched path Next buffers the whole request body for the proxy, so API
  // routes stay out: their body limits must refuse before reading (their guard checks Origin).
  matcher: ["/((?!api/|health|sign-in/session|_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
