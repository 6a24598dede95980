import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { apiError, readJsonBody, validationError } from "@/lib/api/responses";
import { vendorAuditImportSchema } from "@/lib/changes/schema";
import { describeImport, importVendorAudit } from "@/lib/changes/vendor-audit";

export async function POST(request: Request) {
  const guard = await guardApi(request, "change.write");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, 1024);
  if (!body.ok) return body.response;
  const input = vendorAuditImportSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const result = await importVendorAudit(input.data.environment, guard.caller.actor);
  // The vendor failing is not Pitstop failing: 502 says "the upstream answer was unusable".
  if (!result.ok)
    return apiError(502, "vendor_unavailable", `Nothing was imported. ${result.problem}`);
  const { ok: _ok, ...counts } = result;
  return NextResponse.json({ ...counts, message: describeImport(result) });
}
