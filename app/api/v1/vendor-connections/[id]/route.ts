import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { apiError, notFound, readJsonBody, validationError } from "@/lib/api/responses";
import { vendorConnectionPatchSchema } from "@/lib/vendors/schema";
import {
  deleteConnection,
  deleteRefusal,
  getConnection,
  updateConnection,
  vendorConnectionJson,
} from "@/lib/vendors/store";

const MAX_BODY_BYTES = 16 * 1024;
type Context = RouteContext<"/api/v1/vendor-connections/[id]">;

export async function GET(request: Request, { params }: Context) {
  const guard = await guardApi(request, "vendors.manage");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const connection = await getConnection(id);
  return connection
    ? NextResponse.json(vendorConnectionJson(connection))
    : notFound(`Vendor connection ${id}`);
}

/** Any subset of fields; a secret left out (or blank) is kept, `null` clears it. */
export async function PATCH(request: Request, { params }: Context) {
  const guard = await guardApi(request, "vendors.manage");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const patch = vendorConnectionPatchSchema.safeParse(body.body);
  if (!patch.success) return validationError(patch.error);
  const result = await updateConnection(id, patch.data, guard.caller.actor);
  if (result.ok) return NextResponse.json(vendorConnectionJson(result.connection));
  if (result.reason === "not_found") return notFound(`Vendor connection ${id}`);
  return apiError(400, "validation_failed", Object.values(result.fields).join("; "), result.fields);
}

/** Refused (409) while it is the default or any incident names it. */
export async function DELETE(request: Request, { params }: Context) {
  const guard = await guardApi(request, "vendors.manage");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const existing = await getConnection(id);
  if (!existing) return notFound(`Vendor connection ${id}`);
  const result = await deleteConnection(id, guard.caller.actor);
  if (result.ok) return new NextResponse(null, { status: 204 });
  if (result.reason === "not_found") return notFound(`Vendor connection ${id}`);
  return apiError(409, result.reason, deleteRefusal(result, existing.name));
}
