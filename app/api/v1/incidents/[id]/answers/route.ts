import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound, readJsonBody, validationError } from "@/lib/api/responses";
import { answerInterview } from "@/lib/diagnosis/answer-interview";
import { interviewAnswersSchema } from "@/lib/diagnosis/interview-schema";

const MAX_BODY_BYTES = 8 * 1024;

/** Records guided-interview answers; answers with all current answers and the re-ranked causes. */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/v1/incidents/[id]/answers">,
) {
  const guard = await guardApi(request, "incident.answer");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = interviewAnswersSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const { id } = await params;
  const result = await answerInterview({
    actor: guard.caller.actor,
    incidentId: id,
    input: input.data,
  });
  if (!result.ok) return notFound(`Incident ${id}`);
  const { answers, diagnosis, interview } = result;
  return NextResponse.json({ answers, diagnosis, interview });
}
