"use client";
import { useActionState, useId } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { FieldMessage, inputClass } from "./text-field";

export type RunbookReviewState = {
  comment?: string;
  errors?: Record<string, string>;
  message?: string;
};

const BUTTONS = [
  {
    decision: "approve",
    label: "Approve",
    className: "bg-emerald-700 text-white hover:bg-emerald-800",
  },
  {
    decision: "request_changes",
    label: "Request changes",
    className: "bg-amber-600 text-white hover:bg-amber-700",
  },
  { decision: "reject", label: "Reject", className: "bg-red-700 text-white hover:bg-red-800" },
] as const;

/** The support lead's decision on the version in review; a comment is needed to reject or ask for changes. */
export function RunbookReviewForm({
  action,
  version,
}: {
  action: (
    state: Refusable<RunbookReviewState>,
    form: FormData,
  ) => Promise<Refusable<RunbookReviewState>>;
  version: number;
}) {
  const [answer, formAction, pending] = useActionState(action, {});
  const state = stateOrRefusal(answer, ({ message }) => ({ message }));
  const id = useId();
  const error = state.errors?.comment ?? state.errors?.decision;
  return (
    <form action={formAction} noValidate className="space-y-3" aria-label="Review">
      {state.message ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {state.message}
        </p>
      ) : null}
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          Review comment
        </label>
        <textarea
          id={id}
          name="comment"
          rows={3}
          defaultValue={state.comment}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-message`}
          className={inputClass}
        />
        <FieldMessage
          id={`${id}-message`}
          error={error}
          hint={`On version ${version}. Required to reject or ask for changes.`}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        {BUTTONS.map((button) => (
          <button
            key={button.decision}
            type="submit"
            name="decision"
            value={button.decision}
            disabled={pending}
            className={`rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60 ${button.className}`}
          >
            {button.label}
          </button>
        ))}
      </div>
    </form>
  );
}
