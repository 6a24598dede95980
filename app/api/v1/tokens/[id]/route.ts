import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { apiError } from "@/lib/api/responses";
import { apiTokenJson, revokeApiToken } from "@/lib/auth/api-tokens";

/** Revoke a token: from now on it answers 401. */
export async function DELETE(request: Request, { params }: RouteContext<"/api/v1/tokens/[id]">) {
  const guard = await guardApi(request, "tokens.manage");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const revoked = await revokeApiToken({ actor: guard.caller.actor, tokenId: id });
  if (!revoked.ok) {
    return apiError(revoked.reason === "not_found" ? 404 : 409, revoked.reason, revoked.message);
  }
  return NextResponse.json(apiTokenJson(revoked.token));
}
