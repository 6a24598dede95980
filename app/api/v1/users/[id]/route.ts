import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { readJsonBody, validationError } from "@/lib/api/responses";
import { userWriteRefusal } from "@/lib/users/api";
import { userUpdateSchema } from "@/lib/users/schema";
import { updateUser, userJson } from "@/lib/users/store";

const MAX_BODY_BYTES = 4 * 1024;

/** Change a user's `role`, `disabled` or `password`; disabling or a password ends their sessions. */
export async function PATCH(request: Request, { params }: RouteContext<"/api/v1/users/[id]">) {
  const guard = await guardApi(request, "users.manage");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = userUpdateSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const { id } = await params;
  const updated = await updateUser({ actor: guard.caller.actor, userId: id, input: input.data });
  if (!updated.ok) return userWriteRefusal(updated);
  return NextResponse.json(userJson(updated.user));
}
