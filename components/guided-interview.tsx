"use client";
import { useState } from "react";
import {
  ANSWER_LABELS,
  INTERVIEW_ANSWERS,
  type InterviewAnswer,
  type InterviewPlan,
} from "@/lib/diagnosis/interview";
import type { StoredAnswer } from "@/lib/diagnosis/interview-answers";
import type { Diagnosis } from "@/lib/diagnosis/rank-causes";

export type AnsweredInterview = { answers: StoredAnswer[]; diagnosis: Diagnosis };

type Props = {
  incidentId: string;
  questions: InterviewPlan["questions"];
  answers: StoredAnswer[];
  canAnswer: boolean;
  onAnswered: (result: AnsweredInterview) => void;
};

export function GuidedInterview({ incidentId, questions, answers, canAnswer, onAnswered }: Props) {
  const [chosen, setChosen] = useState<Record<string, InterviewAnswer>>({});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const picked = questions.filter((question) => chosen[question.id]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    const response = await fetch(`/api/v1/incidents/${incidentId}/answers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        answers: picked.map((question) => ({ question: question.id, answer: chosen[question.id] })),
      }),
    });
    const body = await response.json().catch(() => null);
    setSaving(false);
    if (!response.ok) {
      setProblem(body?.message ?? `The answers could not be saved (${response.status}).`);
      return;
    }
    setChosen({});
    onAnswered(body as AnsweredInterview);
  }

  return (
    <section
      aria-labelledby="interview-heading"
      className="no-print mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      <h3 id="interview-heading" className="font-medium">
        Questions that would settle it
      </h3>
      {questions.length === 0 ? (
        <p className="mt-1">No question left would tell the leading causes apart.</p>
      ) : canAnswer ? (
        <form onSubmit={save} className="mt-2 space-y-3">
          {questions.map((question) => (
            <fieldset key={question.id}>
              <legend>{question.text}</legend>
              <div className="mt-1 flex gap-4">
                {INTERVIEW_ANSWERS.map((answer) => (
                  <label key={answer} className="flex items-center gap-1">
                    <input
                      type="radio"
                      name={question.id}
                      value={answer}
                      checked={chosen[question.id] === answer}
                      onChange={() =>
                        setChosen((current) => ({ ...current, [question.id]: answer }))
                      }
                    />
                    {ANSWER_LABELS[answer]}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          {problem ? (
            <p role="alert" className="text-red-700">
              {problem}
            </p>
          ) : null}
          <button
            type="submit"
            disabled={saving || picked.length === 0}
            className="rounded-md bg-slate-900 px-3 py-1.5 text-white disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900"
          >
            {saving ? "Saving…" : "Save answers"}
          </button>
        </form>
      ) : (
        <ul className="mt-1 list-disc pl-5">
          {questions.map((question) => (
            <li key={question.id}>{question.text}</li>
          ))}
        </ul>
      )}
      {answers.length ? (
        <>
          <h4 className="mt-3 font-medium">Answered</h4>
          <ul aria-label="Interview answers" className="list-disc pl-5">
            {answers.map((answer) => (
              <li key={answer.questionId}>
                {answer.question} → {ANSWER_LABELS[answer.answer]}{" "}
                <span className="text-slate-500 dark:text-slate-400">({answer.answeredBy})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
