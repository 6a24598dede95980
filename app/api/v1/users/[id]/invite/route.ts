import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { inviteLinkJson, userWriteRefusal } from "@/lib/users/api";
import { issueInvite } from "@/lib/users/store";

/** A new one-time link for the user; their earlier open links stop working. No body. */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/v1/users/[id]/invite">,
) {
  const guard = await guardApi(request, "users.manage");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const issued = await issueInvite({ actor: guard.caller.actor, userId: id });
  if (!issued.ok) return userWriteRefusal(issued);
  return NextResponse.json(inviteLinkJson(issued.invite, request), { status: 201 });
}
