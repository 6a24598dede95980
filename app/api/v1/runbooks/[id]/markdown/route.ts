import { z } from "zod";
import { guardApi } from "@/lib/api/guard";
import { apiError, notFound, validationError } from "@/lib/api/responses";
import { runbookMarkdown, runbookMarkdownFileName } from "@/lib/runbooks/markdown";
import { versionParamSchema } from "@/lib/runbooks/schema";
import { getRunbookEntry, shownVersion } from "@/lib/runbooks/store";

const querySchema = z.object({ version: versionParamSchema.optional() });

/** The entry as a Markdown download: its approved version unless `?version=N` asks for another. */
export async function GET(
  request: Request,
  { params }: RouteContext<"/api/v1/runbooks/[id]/markdown">,
) {
  const guard = await guardApi(request, "runbook.read");
  if (!guard.ok) return guard.response;
  const query = querySchema.safeParse({
    version: new URL(request.url).searchParams.get("version") || undefined,
  });
  if (!query.success) return validationError(query.error);
  const { id } = await params;
  const entry = await getRunbookEntry(id);
  if (!entry) return notFound(`Runbook entry ${id}`);
  const version = shownVersion(entry, query.data.version);
  if (!version)
    return apiError(404, "not_found", `Runbook entry ${id} has no version ${query.data.version}.`, {
      version: `must be 1 to ${entry.currentVersion}`,
    });
  return new Response(runbookMarkdown(entry, version, entry.reviews), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${runbookMarkdownFileName(version.title, version.version)}"`,
      "cache-control": "no-store",
    },
  });
}
