import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { apiError, readJsonBody, validationError } from "@/lib/api/responses";
import { vendorConnectionInputSchema } from "@/lib/vendors/schema";
import { createConnection, listConnections, vendorConnectionJson } from "@/lib/vendors/store";

const MAX_BODY_BYTES = 16 * 1024;

/** Every connection; secrets only as set / not set. */
export async function GET(request: Request) {
  const guard = await guardApi(request, "vendors.manage");
  if (!guard.ok) return guard.response;
  return NextResponse.json({ items: (await listConnections()).map(vendorConnectionJson) });
}

export async function POST(request: Request) {
  const guard = await guardApi(request, "vendors.manage");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = vendorConnectionInputSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const result = await createConnection(input.data, guard.caller.actor);
  if (result.ok) return NextResponse.json(vendorConnectionJson(result.connection), { status: 201 });
  if (result.reason === "invalid")
    return apiError(
      400,
      "validation_failed",
      Object.values(result.fields).join("; "),
      result.fields,
    );
  return apiError(404, "not_found", "Vendor connection not found.");
}
