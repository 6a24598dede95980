"use client";
// Injects one simulator fault. The fields come from the simulator's own schema (lib/fault-board/
// form.ts): choosing a kind shows that kind's parameters with their defaults and bounds.
import { useActionState, useState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import type { FaultField, FaultForm } from "@/lib/fault-board/form";
import { FormErrors } from "./form-errors";
import { SelectField } from "./select-field";
import { TextField } from "./text-field";

export type FaultInjectFormState = {
  values: Record<string, string>;
  errors?: Record<string, string>;
  message?: string;
  injected?: string;
};

type Props = {
  action: (
    state: Refusable<FaultInjectFormState>,
    form: FormData,
  ) => Promise<Refusable<FaultInjectFormState>>;
  form: FaultForm;
};

function boundsHint(field: Extract<FaultField, { type: "number" }>): string | undefined {
  if (field.min !== undefined && field.max !== undefined) return `${field.min} to ${field.max}`;
  if (field.min !== undefined) return `at least ${field.min}`;
  return field.max === undefined ? undefined : `at most ${field.max}`;
}

function FaultFieldInput({
  field,
  value,
  error,
}: {
  field: FaultField;
  value?: string;
  error?: string;
}) {
  const defaultValue = value ?? field.defaultValue;
  if (field.type === "choice")
    return (
      <SelectField
        label={field.label}
        name={field.name}
        options={field.options}
        defaultValue={defaultValue ?? ""}
        error={error}
        placeholder={
          field.defaultValue !== undefined ? undefined : field.required ? "Choose…" : "(any)"
        }
      />
    );
  if (field.type === "number")
    return (
      <TextField
        label={field.label}
        name={field.name}
        type="number"
        step={field.integer ? 1 : "any"}
        min={field.min}
        max={field.max}
        defaultValue={defaultValue}
        error={error}
        hint={boundsHint(field)}
      />
    );
  return (
    <TextField
      label={field.label}
      name={field.name}
      maxLength={field.maxLength}
      defaultValue={defaultValue}
      error={error}
      hint={field.required ? undefined : "Optional"}
    />
  );
}

export function FaultInjectForm({ action, form }: Props) {
  const [answer, formAction, pending] = useActionState(action, { values: {} });
  const state = stateOrRefusal(answer, ({ message }) => ({ values: {}, message }));
  const [kind, setKind] = useState(state.values.kind ?? form.kinds[0]?.kind ?? "");
  const errors = state.errors ?? {};
  const params = form.kinds.find((candidate) => candidate.kind === kind)?.fields ?? [];
  return (
    <form
      action={formAction}
      key={JSON.stringify(state.values)}
      noValidate
      aria-label="Inject a fault"
      className="space-y-4"
    >
      <FormErrors
        message={state.message}
        errors={errors}
        fallback="Not injected: some fields need attention:"
      />
      {state.injected ? (
        <p
          role="status"
          className="rounded-md bg-green-50 p-3 text-sm text-green-800 dark:bg-green-950 dark:text-green-200"
        >
          {state.injected}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          label="Fault kind"
          name="kind"
          options={form.kinds.map((candidate) => candidate.kind)}
          defaultValue={kind}
          error={errors.kind}
          onChange={setKind}
        />
        {form.common.map((field) => (
          <FaultFieldInput
            key={field.name}
            field={field}
            value={state.values[field.name]}
            error={errors[field.name]}
          />
        ))}
      </div>
      <fieldset key={kind} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
        <legend className="px-1 text-sm font-medium">Parameters of {kind}</legend>
        {params.length ? (
          <div className="grid gap-4 md:grid-cols-3">
            {params.map((field) => (
              <FaultFieldInput
                key={field.name}
                field={field}
                value={state.values[field.name]}
                error={errors[field.name]}
              />
            ))}
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">This kind takes none.</p>
        )}
        {errors.params ? (
          <p className="mt-2 text-sm text-red-700 dark:text-red-400">{errors.params}</p>
        ) : null}
      </fieldset>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-900 px-3 py-2 text-sm text-white disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900"
      >
        {pending ? "Injecting…" : "Inject fault"}
      </button>
    </form>
  );
}
