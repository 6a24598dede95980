import { z } from "zod";
import { guardApi } from "@/lib/api/guard";
import { apiError, notFound, validationError } from "@/lib/api/responses";
import { csvResponse } from "@/lib/exports/response";
import { exportFile, WEEKLY_EXPORT_FILES } from "@/lib/exports/weekly";

const fileSchema = z
  .string()
  .regex(/\.csv$/)
  .transform((file) => file.slice(0, -".csv".length))
  .pipe(z.enum(WEEKLY_EXPORT_FILES));
const querySchema = z.object({
  end: z.iso
    .datetime({
      offset: true,
      error: "end must be an ISO 8601 date and time such as 2026-11-24T06:00:00Z",
    })
    .optional(),
});

/** GET /api/v1/exports/weekly/{file}.csv?end=ISO: one weekly export file for the 7 days before `end` (default now). */
export async function GET(
  request: Request,
  { params }: RouteContext<"/api/v1/exports/weekly/[file]">,
) {
  const guard = await guardApi(request, "export.read");
  if (!guard.ok) return guard.response;
  const { file } = await params;
  const name = fileSchema.safeParse(file);
  if (!name.success)
    return notFound(
      `Export file ${file} (files: ${WEEKLY_EXPORT_FILES.map((entry) => `${entry}.csv`).join(", ")})`,
    );
  const query = querySchema.safeParse({
    end: new URL(request.url).searchParams.get("end") ?? undefined,
  });
  if (!query.success) return validationError(query.error);
  const end = query.data.end ? new Date(query.data.end) : new Date();
  const result = await exportFile(name.data, end);
  if (!result.ok) return apiError(502, "vendor_unavailable", result.problem);
  return csvResponse(result.csv, `pitstop-${name.data}-${end.toISOString().slice(0, 10)}.csv`);
}
