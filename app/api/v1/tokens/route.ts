import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { readJsonBody, validationError } from "@/lib/api/responses";
import {
  apiTokenInputSchema,
  apiTokenJson,
  createApiToken,
  listApiTokens,
} from "@/lib/auth/api-tokens";

const MAX_BODY_BYTES = 4 * 1024;

export async function GET(request: Request) {
  const guard = await guardApi(request, "tokens.manage");
  if (!guard.ok) return guard.response;
  return NextResponse.json({ items: (await listApiTokens()).map(apiTokenJson) });
}

/** A new token `{name, role, expiresInDays?}`; its secret is in this answer and nowhere else. */
export async function POST(request: Request) {
  const guard = await guardApi(request, "tokens.manage");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = apiTokenInputSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const { token, ...created } = await createApiToken(input.data, guard.caller.actor);
  return NextResponse.json({ ...apiTokenJson(created), token }, { status: 201 });
}
