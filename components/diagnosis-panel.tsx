"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { CheckResult } from "@/lib/diagnosis/check";
import { planInterview } from "@/lib/diagnosis/interview";
import type { StoredAnswer } from "@/lib/diagnosis/interview-answers";
import type { Diagnosis } from "@/lib/diagnosis/rank-causes";
import { DecisionTree } from "./decision-tree";
import { GuidedInterview } from "./guided-interview";
import { RankedCauses } from "./ranked-causes";
import { ReplayEvidence } from "./replay-evidence";
import { TopCause } from "./top-cause";

export type DiagnosisRun = {
  runId: string;
  startedAt: string;
  diagnosis: Diagnosis;
  results: CheckResult[];
};

type Props = {
  incidentId: string;
  canRun: boolean;
  canAnswer: boolean;
  latest: DiagnosisRun | null;
  previous: DiagnosisRun | null;
  /** The ranking as it stands: the prior, the latest run's checks and the interview's answers. */
  current: Diagnosis;
  answers: StoredAnswer[];
};

const OUTCOME_STYLE: Record<string, string> = {
  pass: "text-emerald-700 dark:text-emerald-400",
  fail: "text-red-700 dark:text-red-400",
  warn: "text-amber-700 dark:text-amber-400",
  skip: "text-slate-500 dark:text-slate-400",
  error: "text-fuchsia-700 dark:text-fuchsia-400",
};

export function DiagnosisPanel({
  incidentId,
  canRun,
  canAnswer,
  latest,
  previous,
  current,
  answers: storedAnswers,
}: Props) {
  const router = useRouter();
  const [streamed, setStreamed] = useState<DiagnosisRun | null>(null);
  // The stored runs come from the page; a run just streamed in shows until the refreshed page
  // carries it as the latest, and then the run that was latest is the one to compare with.
  const unstored = streamed && streamed.runId !== latest?.runId ? streamed : null;
  const run = unstored ?? latest;
  const runBefore = unstored ? latest : previous;
  // What this page learned since it was served (a run, an answer) is newer than its props.
  const [known, setKnown] = useState<Diagnosis | null>(null);
  const diagnosis = known ?? current;
  const [answers, setAnswers] = useState<StoredAnswer[]>(storedAnswers);
  const plan = planInterview(
    diagnosis.ranked,
    answers.map((answer) => answer.questionId),
  );
  // The last run's progress stays on screen once it is done, so "12 of 12 checks done" confirms
  // the run finished rather than vanishing the moment it does.
  const [progress, setProgress] = useState<{ total: number; results: CheckResult[] } | null>(null);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [replayWrites, setReplayWrites] = useState(false);

  async function runChecks() {
    setProblem(null);
    setRunning(true);
    setProgress({ total: 0, results: [] });
    const query = replayWrites ? "?replayWrites=true" : "";
    const response = await fetch(`/api/v1/incidents/${incidentId}/checks${query}`, {
      method: "POST",
      headers: { accept: "application/x-ndjson" },
    });
    if (!response.ok || !response.body) {
      setProblem(`The checks could not start (${response.status}).`);
      setProgress(null);
      setRunning(false);
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    const collected: CheckResult[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line);
        if (event.type === "started") setProgress({ total: event.checks, results: [] });
        if (event.type === "check") {
          collected.push(event.result);
          setProgress((current) => ({ total: current?.total ?? 0, results: [...collected] }));
        }
        if (event.type === "finished") {
          setKnown(event.diagnosis);
          setStreamed({
            runId: event.runId,
            startedAt: new Date().toISOString(),
            diagnosis: event.diagnosis,
            results: [...collected],
          });
        }
        if (event.type === "failed") setProblem(event.message);
      }
    }
    setRunning(false);
    // The page's previous run and its history now include this run: fetch them again.
    router.refresh();
  }

  return (
    <section
      aria-labelledby="diagnosis-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="diagnosis-heading" className="font-semibold">
          Diagnosis
        </h2>
        <div className="no-print flex flex-wrap items-center gap-2">
          {canRun ? (
            <label className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={replayWrites}
                onChange={(event) => setReplayWrites(event.target.checked)}
              />
              Replay write calls (sends the command to the vehicle)
            </label>
          ) : null}
          {canRun ? (
            <button
              type="button"
              onClick={runChecks}
              disabled={running}
              className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
            >
              {running ? "Running checks…" : run ? "Run checks again" : "Run checks"}
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => window.print()}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
          >
            Print
          </button>
        </div>
      </div>
      {problem ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      {progress ? (
        <div role="status" aria-live="polite" className="mb-4">
          <p className="text-sm">
            {progress.results.length} of {progress.total || "…"} checks done
          </p>
          <progress className="w-full" max={progress.total || 1} value={progress.results.length} />
          <ul className="mt-2 text-sm">
            {progress.results.map((result) => (
              <li key={result.checkId}>
                <span className={OUTCOME_STYLE[result.outcome]}>{result.outcome}</span>{" "}
                {result.label} ({result.durationMs} ms)
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div>
          {run ? (
            <>
              <DecisionTree diagnosis={diagnosis} results={run.results} />
              <h3 className="mt-4 font-medium">Checks</h3>
              <table className="mt-2 w-full text-sm" aria-label="Check results">
                <tbody>
                  {run.results.map((result) => (
                    <tr
                      key={result.checkId}
                      className="border-t border-slate-100 align-top dark:border-slate-800"
                    >
                      <td className={`py-1 pr-2 font-medium ${OUTCOME_STYLE[result.outcome]}`}>
                        {result.outcome}
                      </td>
                      <td className="py-1 pr-2">{result.label}</td>
                      <td className="py-1 pr-2">{result.summary}</td>
                      <td className="py-1 text-right tabular-nums">{result.durationMs} ms</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ReplayEvidence result={run.results.find((result) => result.checkId === "replay")} />
              {runBefore ? <RunComparison current={run} previous={runBefore} /> : null}
            </>
          ) : !running ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              No checks have run for this incident yet; the ranking comes from the error text
              {answers.length ? " and the interview" : ""} alone.
            </p>
          ) : null}
        </div>
        <div>
          <TopCause ranked={diagnosis.ranked} plan={plan} />
          {run ? (
            <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
              Certainty {Math.round(diagnosis.certainty * 100)}% (checks that errored or were
              skipped lower it)
            </p>
          ) : null}
          {plan.needed ? (
            <GuidedInterview
              incidentId={incidentId}
              questions={plan.questions}
              answers={answers}
              canAnswer={canAnswer}
              onAnswered={(result) => {
                setAnswers(result.answers);
                setKnown(result.diagnosis);
              }}
            />
          ) : null}
          <RankedCauses ranked={diagnosis.ranked} />
        </div>
      </div>
    </section>
  );
}

function RunComparison({ current, previous }: { current: DiagnosisRun; previous: DiagnosisRun }) {
  if (current.runId === previous.runId) return null;
  const before = new Map(previous.results.map((result) => [result.checkId, result.outcome]));
  const changed = current.results.filter((result) => before.get(result.checkId) !== result.outcome);
  return (
    <div className="mt-4 text-sm">
      <h3 className="font-medium">
        Compared with the run before ({previous.startedAt.slice(0, 16).replace("T", " ")})
      </h3>
      <p>
        Top cause then: {previous.diagnosis.ranked[0]?.label} (
        {Math.round((previous.diagnosis.ranked[0]?.confidence ?? 0) * 100)}%); now:{" "}
        {current.diagnosis.ranked[0]?.label} (
        {Math.round((current.diagnosis.ranked[0]?.confidence ?? 0) * 100)}%).
      </p>
      {changed.length ? (
        <ul className="list-disc pl-5">
          {changed.map((result) => (
            <li key={result.checkId}>
              {result.label}: {before.get(result.checkId) ?? "not run"} → {result.outcome}
            </li>
          ))}
        </ul>
      ) : (
        <p>No check changed its outcome.</p>
      )}
    </div>
  );
}
