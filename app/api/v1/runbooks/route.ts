import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { validationError } from "@/lib/api/responses";
import { searchParamsToObject } from "@/lib/incidents/list-query";
import { runbookSummaryJson } from "@/lib/runbooks/json";
import { runbookListQuerySchema } from "@/lib/runbooks/schema";
import { listRunbookEntries } from "@/lib/runbooks/search";

export async function GET(request: Request) {
  const guard = await guardApi(request, "runbook.read");
  if (!guard.ok) return guard.response;
  const query = runbookListQuerySchema.safeParse(
    searchParamsToObject(new URL(request.url).searchParams),
  );
  if (!query.success) return validationError(query.error);
  const entries = await listRunbookEntries(query.data);
  return NextResponse.json({ entries: entries.map(runbookSummaryJson) });
}
