import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { readJsonBody, validationError } from "@/lib/api/responses";
import { inviteLinkJson, userWriteRefusal } from "@/lib/users/api";
import { newUserSchema } from "@/lib/users/schema";
import { createUser, listUsers, userJson } from "@/lib/users/store";

const MAX_BODY_BYTES = 4 * 1024;

export async function GET(request: Request) {
  const guard = await guardApi(request, "users.manage");
  if (!guard.ok) return guard.response;
  return NextResponse.json({ items: (await listUsers()).map(userJson) });
}

/** A new user: with `password` set directly, else invited with a one-time link shown once. */
export async function POST(request: Request) {
  const guard = await guardApi(request, "users.manage");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = newUserSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const created = await createUser({ actor: guard.caller.actor, input: input.data });
  if (!created.ok) return userWriteRefusal(created);
  return NextResponse.json(
    {
      ...userJson(created.user),
      ...(created.invite ? inviteLinkJson(created.invite, request) : {}),
    },
    { status: 201 },
  );
}
