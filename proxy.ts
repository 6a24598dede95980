// Tells pages which address was asked for, so a signed-out visitor comes back to it after
// signing in: a server component cannot read its own URL. This decides nothing about access.
// It also refuses cross-site writes before Next's own action handling answers them with a 500.
import { NextResponse, type NextRequest } from "next/server";
import { crossSiteWriteRefusal } from "@/lib/auth/cross-site";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/return-path";

export function proxy(request: NextRequest) {
  const refusal = crossSiteWriteRefusal(request.method, request.headers);
  if (refusal) return refusal;
  const url = request.nextUrl.clone();
  // Next's own cache-busting parameter on client navigations is not part of the address.
  url.searchParams.delete("_rsc");
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${url.pathname}${url.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // All but Next's static files: actions post to any page (sign-in too), and API writes need the
  // cross-site check. Only pages read the requested path (API routes answer 401, never redirect).
  matcher: ["/((?!_next/static|_next/image|icon.svg).*)"],
};
