import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { completeConnect, connectCallbackSchema } from "@/lib/vendors/connect";

const page = (request: Request, path: string, flash: Record<string, string>) => {
  const url = new URL(path, request.url);
  for (const [name, value] of Object.entries(flash)) url.searchParams.set(name, value);
  // Relative, so the browser stays on the host it used (behind a proxy request.url may differ).
  return new NextResponse(null, {
    status: 303,
    headers: { location: `${url.pathname}${url.search}` },
  });
};

/** Where Smartcar Connect sends the admin back: link the account, then show the connection. */
export async function GET(request: Request) {
  const guard = await guardApi(request, "vendors.manage");
  if (!guard.ok) return guard.response;
  const query = connectCallbackSchema.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  if (!query.success)
    return page(request, "/admin/vendors", {
      error: "Smartcar Connect's answer was malformed: start linking again.",
    });
  const result = await completeConnect(query.data, guard.caller.actor);
  const target = result.connectionId ? `/admin/vendors/${result.connectionId}` : "/admin/vendors";
  return result.ok
    ? page(request, target, {
        notice: `Linked ${result.label} (Smartcar user ${result.smartcarUserId}).`,
      })
    : page(request, target, { error: result.message });
}
