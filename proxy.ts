// Tells pages which address was asked for, so a signed-out visitor comes back to it after
// signing in: a server component cannot read its own URL. This decides nothing about access.
import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/return-path";

export function proxy(request: NextRequest) {
  const url = request.nextUrl.clone();
  // Next's own cache-busting parameter on client navigations is not part of the address.
  url.searchParams.delete("_rsc");
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${url.pathname}${url.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: API routes answer 401 rather than sending anyone to sign in.
  matcher: ["/((?!api/|_next/|health|sign-in|icon.svg).*)"],
};
