import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { readJsonBody, validationError } from "@/lib/api/responses";
import { changeInputSchema, changeListQuerySchema } from "@/lib/changes/schema";
import { changeJson, createChange, listChanges } from "@/lib/changes/store";
import { searchParamsToObject } from "@/lib/incidents/list-query";

const MAX_BODY_BYTES = 16 * 1024;

export async function GET(request: Request) {
  const guard = await guardApi(request, "change.read");
  if (!guard.ok) return guard.response;
  const query = changeListQuerySchema.safeParse(
    searchParamsToObject(new URL(request.url).searchParams),
  );
  if (!query.success) return validationError(query.error);
  const { rows, total, pageSize } = await listChanges(query.data);
  return NextResponse.json({ page: query.data.page, pageSize, total, items: rows.map(changeJson) });
}

export async function POST(request: Request) {
  const guard = await guardApi(request, "change.write");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = changeInputSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const change = await createChange(input.data, guard.caller.actor);
  return NextResponse.json(changeJson(change), { status: 201 });
}
