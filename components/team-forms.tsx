"use client";
// The incident page's team forms that ask for text: resolve (confirmed cause and resolution
// note), reopen (why) and add a note. Each shows the server's errors by its fields.
import { useActionState, useId, useState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { FieldMessage, inputClass } from "./text-field";

export type TeamFormState = {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  message?: string;
};
type TeamAction = (
  state: Refusable<TeamFormState>,
  form: FormData,
) => Promise<Refusable<TeamFormState>>;

const buttonClass =
  "rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900";

function useTeamForm(action: TeamAction) {
  const [answer, formAction, pending] = useActionState(action, {});
  const state = stateOrRefusal(answer, ({ message, fields }) => ({ message, errors: fields }));
  return { state, formAction, pending };
}

function FormAlert({ message }: { message?: string }) {
  return message ? (
    <p
      role="alert"
      className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
    >
      {message}
    </p>
  ) : null;
}

function TextArea({
  label,
  name,
  state,
  rows = 3,
  hint,
}: {
  label: string;
  name: string;
  state: TeamFormState;
  rows?: number;
  hint?: string;
}) {
  const id = useId();
  const error = state.errors?.[name];
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={state.values?.[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-message`}
        className={inputClass}
      />
      <FieldMessage id={`${id}-message`} error={error} hint={hint} />
    </div>
  );
}

export function ResolveForm({
  action,
  causes,
  suggestedCause,
}: {
  action: TeamAction;
  causes: ReadonlyArray<{ value: string; label: string }>;
  suggestedCause: string;
}) {
  const { state, formAction, pending } = useTeamForm(action);
  const [cause, setCause] = useState(state.values?.confirmedCause ?? suggestedCause);
  const selectId = useId();
  const otherId = useId();
  const causeError = state.errors?.confirmedCause;
  const otherError = state.errors?.confirmedCauseNote;
  return (
    <form action={formAction} noValidate aria-label="Resolve" className="space-y-3">
      <FormAlert message={state.message} />
      <div>
        <label htmlFor={selectId} className="block text-sm font-medium">
          Confirmed cause
        </label>
        <select
          id={selectId}
          name="confirmedCause"
          value={cause}
          onChange={(event) => setCause(event.target.value)}
          aria-invalid={causeError ? true : undefined}
          aria-describedby={`${selectId}-message`}
          className={inputClass}
        >
          <option value="">Choose the cause you confirmed</option>
          {causes.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <FieldMessage
          id={`${selectId}-message`}
          error={causeError}
          hint="Preselected: the current top-ranked cause. Trends count the confirmed one."
        />
      </div>
      {cause === "other" ? (
        <div>
          <label htmlFor={otherId} className="block text-sm font-medium">
            Other cause
          </label>
          <input
            id={otherId}
            name="confirmedCauseNote"
            defaultValue={state.values?.confirmedCauseNote}
            aria-invalid={otherError ? true : undefined}
            aria-describedby={`${otherId}-message`}
            className={inputClass}
          />
          <FieldMessage id={`${otherId}-message`} error={otherError} />
        </div>
      ) : null}
      <TextArea label="Resolution note" name="resolutionNote" state={state} rows={2} />
      <button type="submit" disabled={pending} className={buttonClass}>
        Resolve
      </button>
    </form>
  );
}

export function ReopenForm({ action }: { action: TeamAction }) {
  const { state, formAction, pending } = useTeamForm(action);
  return (
    <form action={formAction} noValidate aria-label="Reopen" className="space-y-3">
      <FormAlert message={state.message} />
      <TextArea label="Why reopen" name="reopenReason" state={state} rows={2} />
      <button type="submit" disabled={pending} className={buttonClass}>
        Reopen
      </button>
    </form>
  );
}

export function NoteForm({ action }: { action: TeamAction }) {
  const { state, formAction, pending } = useTeamForm(action);
  return (
    <form action={formAction} noValidate aria-label="Add a note" className="space-y-3">
      <FormAlert message={state.message} />
      <TextArea
        label="Note"
        name="body"
        state={state}
        rows={4}
        hint="Markdown. What was tried, what was seen. Secrets are masked when saved."
      />
      <button type="submit" disabled={pending} className={buttonClass}>
        Add note
      </button>
    </form>
  );
}
