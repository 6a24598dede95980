import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound } from "@/lib/api/responses";
import { runbookEntryJson } from "@/lib/runbooks/json";
import { getRunbookEntry } from "@/lib/runbooks/store";

export async function GET(request: Request, { params }: RouteContext<"/api/v1/runbooks/[id]">) {
  const guard = await guardApi(request, "runbook.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const entry = await getRunbookEntry(id);
  return entry ? NextResponse.json(runbookEntryJson(entry)) : notFound(`Runbook entry ${id}`);
}
