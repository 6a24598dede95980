import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { readJsonBody, validationError } from "@/lib/api/responses";
import { teamRefusalResponse } from "@/lib/api/team-responses";
import { addIncidentNote } from "@/lib/incidents/team";
import { noteSchema } from "@/lib/incidents/team-schema";

// 20,000 characters of Markdown, each up to six bytes as a JSON escape, and room for the key.
const MAX_BODY_BYTES = 128 * 1024;

/** Adds a Markdown note to the incident's timeline; secrets in it are masked before it is saved. */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/v1/incidents/[id]/notes">,
) {
  const guard = await guardApi(request, "incident.note");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = noteSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const { id } = await params;
  const result = await addIncidentNote({
    actor: guard.caller.actor,
    incidentId: id,
    input: input.data,
  });
  if (!result.ok) return teamRefusalResponse(result, id);
  const { note } = result;
  return NextResponse.json({ kind: "note", ...note, at: note.at.toISOString() }, { status: 201 });
}
