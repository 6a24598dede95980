import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound } from "@/lib/api/responses";
import { connectOrigin } from "@/lib/vendors/connect";
import { testVendorConnection } from "@/lib/vendors/test-connection";

/** Makes each call the connection depends on and says, call by call, what works. */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/v1/vendor-connections/[id]/test">,
) {
  const guard = await guardApi(request, "vendors.manage");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const report = await testVendorConnection(id, { origin: connectOrigin(request.headers) });
  return report ? NextResponse.json(report) : notFound(`Vendor connection ${id}`);
}
