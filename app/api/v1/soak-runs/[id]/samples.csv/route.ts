import { guardApi } from "@/lib/api/guard";
import { notFound } from "@/lib/api/responses";
import { soakExportFileName, soakSamplesCsv } from "@/lib/load/export";
import { getSoakRun } from "@/lib/load/store";

/** Every response of the run, streamed from the database page by page. */
export async function GET(
  request: Request,
  { params }: RouteContext<"/api/v1/soak-runs/[id]/samples.csv">,
) {
  const guard = await guardApi(request, "export.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const run = await getSoakRun(id);
  if (!run) return notFound(`Soak run ${id}`);
  return new Response(soakSamplesCsv(run.id), {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${soakExportFileName(run, "samples.csv")}"`,
      "cache-control": "no-store",
    },
  });
}
