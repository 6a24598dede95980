import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { probeStatuses } from "@/lib/probes/store";

/** GET /api/v1/probes/status: each probed endpoint's state over its last 10 results. */
export async function GET(request: Request) {
  const guard = await guardApi(request, "probe.read");
  if (!guard.ok) return guard.response;
  return NextResponse.json({ endpoints: await probeStatuses() });
}
