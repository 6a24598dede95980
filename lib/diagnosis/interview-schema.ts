// The body of POST /api/v1/incidents/{id}/answers: interview answers, each failure naming its field.
import { z } from "zod";
import { INTERVIEW_ANSWERS, QUESTION_IDS } from "./interview";

export const interviewAnswersSchema = z.object(
  {
    answers: z
      .array(
        z.object(
          {
            question: z.enum(QUESTION_IDS, {
              error: `question must be one of ${QUESTION_IDS.join(", ")}`,
            }),
            answer: z.enum(INTERVIEW_ANSWERS, { error: "answer must be yes, no or unknown" }),
          },
          { error: "each answer must be an object with question and answer" },
        ),
        { error: "answers must be an array" },
      )
      .min(1, { error: "answers must hold at least one answer" })
      .max(QUESTION_IDS.length, { error: `answers holds at most ${QUESTION_IDS.length}` })
      .superRefine((answers, context) => {
        const seen = new Set<string>();
        answers.forEach(({ question }, index) => {
          if (seen.has(question))
            context.addIssue({
              code: "custom",
              path: [index, "question"],
              message: `question ${question} is answered twice`,
            });
          seen.add(question);
        });
      }),
  },
  { error: 'the body must be an object such as {"answers": [...]}' },
);
export type InterviewAnswersInput = z.infer<typeof interviewAnswersSchema>;
