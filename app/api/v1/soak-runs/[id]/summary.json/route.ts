import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound } from "@/lib/api/responses";
import { soakExportFileName, soakSummaryDocument } from "@/lib/load/export";
import { getSoakRun } from "@/lib/load/store";

/** The run's summary and plan (credentials as hints only), as a download. */
export async function GET(
  request: Request,
  { params }: RouteContext<"/api/v1/soak-runs/[id]/summary.json">,
) {
  const guard = await guardApi(request, "export.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const run = await getSoakRun(id);
  if (!run) return notFound(`Soak run ${id}`);
  return NextResponse.json(soakSummaryDocument(run), {
    headers: {
      "content-disposition": `attachment; filename="${soakExportFileName(run, "summary.json")}"`,
      "cache-control": "no-store",
    },
  });
}
