import { z } from "zod";
import { guardApi } from "@/lib/api/guard";
import { apiError, notFound, validationError } from "@/lib/api/responses";
import { toCsv } from "@/lib/exports/csv";
import { csvResponse } from "@/lib/exports/response";
import { TREND_CHARTS, trendsQuerySchema } from "@/lib/trends/query";
import { trendTable } from "@/lib/trends/report";

const chartFileSchema = z
  .string()
  .regex(/\.csv$/)
  .transform((file) => file.slice(0, -".csv".length))
  .pipe(z.enum(TREND_CHARTS));

/** GET /api/v1/trends/{chart}.csv?from&to&environment: one chart's table; nothing in range gives the header alone. */
export async function GET(request: Request, { params }: RouteContext<"/api/v1/trends/[chart]">) {
  const guard = await guardApi(request, "trends.read");
  if (!guard.ok) return guard.response;
  const { chart: file } = await params;
  const chart = chartFileSchema.safeParse(file);
  if (!chart.success)
    return notFound(
      `Trend chart ${file} (charts: ${TREND_CHARTS.map((name) => `${name}.csv`).join(", ")})`,
    );
  const search = new URL(request.url).searchParams;
  const query = trendsQuerySchema.safeParse({
    from: search.get("from") ?? undefined,
    to: search.get("to") ?? undefined,
    environment: search.get("environment") ?? undefined,
  });
  if (!query.success) return validationError(query.error);
  const result = await trendTable(chart.data, query.data);
  if (!result.ok) return apiError(502, "vendor_unavailable", result.problem);
  return csvResponse(
    toCsv(result.table.columns, result.table.rows),
    `pitstop-${chart.data}-${query.data.environment}-${query.data.from}-to-${query.data.to}.csv`,
  );
}
