"use client";
// The "Test connection" button and its report: each call the connection depends on and what
// it proved or how it failed.
import { useActionState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";

export type ConnectionTestState = {
  message?: string;
  report?: {
    ok: boolean;
    testedAt: string;
    steps: {
      call: string;
      outcome: "pass" | "fail" | "skip";
      detail: string;
      durationMs: number;
    }[];
  };
};

const OUTCOME_STYLE = {
  pass: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  fail: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  skip: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
} as const;

export function VendorConnectionTest({
  action,
}: {
  action: (
    state: Refusable<ConnectionTestState>,
    form: FormData,
  ) => Promise<Refusable<ConnectionTestState>>;
}) {
  const [answer, formAction, pending] = useActionState(action, {});
  const state = stateOrRefusal(answer, ({ message }) => ({ message }));
  return (
    <div className="space-y-3">
      <form action={formAction}>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {pending ? "Testing…" : "Test connection"}
        </button>
      </form>
      {state.message ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {state.message}
        </p>
      ) : null}
      {state.report ? (
        <section aria-label="Connection test results" className="space-y-2">
          <p role="status" className="text-sm font-medium">
            {state.report.ok ? "Everything answered as expected." : "Some calls failed."}{" "}
            <span className="font-normal text-slate-500">Tested {state.report.testedAt}</span>
          </p>
          <ul className="space-y-1 text-sm">
            {state.report.steps.map((step) => (
              <li key={step.call} className="flex flex-wrap items-baseline gap-2">
                <span
                  className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${OUTCOME_STYLE[step.outcome]}`}
                >
                  {step.outcome}
                </span>
                <span className="font-mono text-xs break-all">{step.call}</span>
                <span className="text-slate-700 dark:text-slate-300">
                  {step.detail} {step.durationMs > 0 ? `(${step.durationMs} ms)` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
