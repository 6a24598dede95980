import "server-only";
// The interview's answers as stored on an incident.
import { db, type Prisma } from "@/lib/db/client";
import {
  interviewQuestion,
  QUESTION_IDS,
  type GivenAnswer,
  type InterviewAnswer,
  type QuestionId,
} from "./interview";

export type StoredAnswer = GivenAnswer & {
  question: string;
  answeredBy: string;
  answeredAt: string;
};

/** The incident's current answers, in the order the questions are listed. */
export async function storedAnswers(
  incidentId: string,
  client: Prisma.TransactionClient = db,
): Promise<StoredAnswer[]> {
  const rows = await client.incidentAnswer.findMany({ where: { incidentId } });
  return rows
    .map((row) => ({
      questionId: row.questionId as QuestionId,
      question: interviewQuestion(row.questionId as QuestionId).text,
      answer: row.answer as InterviewAnswer,
      answeredBy: row.answeredBy,
      answeredAt: row.answeredAt.toISOString(),
    }))
    .sort((a, b) => QUESTION_IDS.indexOf(a.questionId) - QUESTION_IDS.indexOf(b.questionId));
}
