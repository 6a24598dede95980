import "server-only";
// Recording interview answers on an incident: one current answer per question, audited in the
// same transaction, and the ranking redone with them so the caller sees the new order at once.
import { recordAudit } from "@/lib/audit/log";
import { authorize, type Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db/client";
import { currentDiagnosis } from "./diagnose";
import { planInterview, type InterviewPlan } from "./interview";
import { storedAnswers, type StoredAnswer } from "./interview-answers";
import type { InterviewAnswersInput } from "./interview-schema";
import type { Diagnosis } from "./rank-causes";

export type AnswerInterviewResult =
  | { ok: true; answers: StoredAnswer[]; diagnosis: Diagnosis; interview: InterviewPlan }
  | { ok: false; reason: "not_found" };

export async function answerInterview({
  actor,
  incidentId,
  input,
}: {
  actor: Actor;
  incidentId: string;
  input: InterviewAnswersInput;
}): Promise<AnswerInterviewResult> {
  authorize(actor, "incident.answer");
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId } });
    if (!incident) return { ok: false, reason: "not_found" } as const;
    const before = await storedAnswers(incidentId, tx);
    const answeredAt = new Date();
    for (const { question, answer } of input.answers) {
      await tx.incidentAnswer.upsert({
        where: { incidentId_questionId: { incidentId, questionId: question } },
        create: { incidentId, questionId: question, answer, answeredBy: actor.label, answeredAt },
        update: { answer, answeredBy: actor.label, answeredAt },
      });
    }
    const answers = await storedAnswers(incidentId, tx);
    const diagnosis = await currentDiagnosis(incident, tx);
    // Trends count the incident under the ranking's top cause, and answers are part of it now.
    await tx.incident.update({
      where: { id: incidentId },
      data: { likelyCause: diagnosis.ranked[0]!.cause },
    });
    const changed = new Set(input.answers.map(({ question }) => question));
    const pick = (list: StoredAnswer[]) =>
      list
        .filter((entry) => changed.has(entry.questionId))
        .map(({ questionId, answer }) => ({ questionId, answer }));
    await recordAudit(tx, actor, {
      action: "incident.answer",
      entityType: "incident",
      entityId: incidentId,
      before: pick(before),
      after: pick(answers),
    });
    const interview = planInterview(
      diagnosis.ranked,
      answers.map((entry) => entry.questionId),
    );
    return { ok: true, answers, diagnosis, interview } as const;
  });
}
