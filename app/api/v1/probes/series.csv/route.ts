import { z } from "zod";
import { guardApi } from "@/lib/api/guard";
import { validationError } from "@/lib/api/responses";
import { toCsv } from "@/lib/exports/csv";
import { csvResponse } from "@/lib/exports/response";
import { environmentSchema } from "@/lib/incidents/schema";
import { probeRangeSchema, PROBE_RANGES } from "@/lib/probes/range";
import { PROBE_TABLE_COLUMNS, probeTableRows } from "@/lib/probes/store";

const querySchema = z.object({ environment: environmentSchema, range: probeRangeSchema });

/** GET /api/v1/probes/series.csv?environment&range: the per-minute figures the probe chart draws. */
export async function GET(request: Request) {
  const guard = await guardApi(request, "probe.read");
  if (!guard.ok) return guard.response;
  const search = new URL(request.url).searchParams;
  const query = querySchema.safeParse({
    environment: search.get("environment") ?? undefined,
    range: search.get("range") ?? "1h",
  });
  if (!query.success) return validationError(query.error);
  const { environment, range } = query.data;
  const to = new Date();
  const from = new Date(to.getTime() - PROBE_RANGES[range]);
  const rows = await probeTableRows({ environment, from, to });
  return csvResponse(
    toCsv(PROBE_TABLE_COLUMNS, rows),
    `pitstop-probes-${environment}-${range}-${to.toISOString().slice(0, 16)}.csv`,
  );
}
