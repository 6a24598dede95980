"use client";
import { useActionState, useId } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import type { RunbookFormValues } from "@/lib/runbooks/form-values";
import { FieldMessage, TextField, inputClass } from "./text-field";
import { FormErrors, listFieldError } from "./form-errors";
import { SelectField } from "./select-field";

export type RunbookFormState = {
  values: RunbookFormValues;
  errors?: Record<string, string>;
  message?: string;
};

type Props = {
  action: (
    state: Refusable<RunbookFormState>,
    form: FormData,
  ) => Promise<Refusable<RunbookFormState>>;
  initialValues: RunbookFormValues;
  causes: Array<{ id: string; label: string }>;
  submitLabel: string;
};

function TextArea({
  label,
  name,
  value,
  error,
  hint,
  mono,
}: {
  label: string;
  name: string;
  value?: string;
  error?: string;
  hint?: string;
  mono?: boolean;
}) {
  const id = useId();
  return (
    <div className="md:col-span-2">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={4}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-message`}
        className={`${inputClass} ${mono ? "font-mono" : ""}`}
      />
      <FieldMessage id={`${id}-message`} error={error} hint={hint} />
    </div>
  );
}

export function RunbookForm({ action, initialValues, causes, submitLabel }: Props) {
  const [answer, formAction, pending] = useActionState(action, { values: initialValues });
  const state = stateOrRefusal(answer, ({ message }) => ({ values: initialValues, message }));
  const values = state.values;
  const errors = state.errors ?? {};
  // key: remount inputs after a failed submit so they show what was sent back.
  return (
    <form action={formAction} key={JSON.stringify(values)} noValidate className="space-y-6">
      <FormErrors message={state.message} errors={errors} />
      {values.incidentId ? (
        <input type="hidden" name="incidentId" value={values.incidentId} />
      ) : null}
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="sr-only">Runbook entry</legend>
        <div className="md:col-span-2">
          <TextField
            label="Title"
            name="title"
            defaultValue={values.title}
            error={errors.title}
            required
          />
        </div>
        <SelectField
          label="Cause"
          name="causeId"
          options={causes.map((cause) => ({ value: cause.id, label: cause.label }))}
          defaultValue={values.causeId}
          error={errors.causeId}
          placeholder="Choose a cause"
        />
        <TextField
          label="Failing correlation id"
          name="correlationId"
          defaultValue={values.correlationId}
          error={errors.correlationId}
        />
        <TextArea
          label="Error string"
          name="errorString"
          value={values.errorString}
          error={errors.errorString}
          hint="Verbatim: the signature is computed from it"
          mono
        />
        <TextArea
          label="Fix applied"
          name="fixApplied"
          value={values.fixApplied}
          error={errors.fixApplied}
          hint="What made it work again, step by step"
        />
        <TextField
          label="SDK version"
          name="sdkVersion"
          defaultValue={values.sdkVersion}
          error={errors.sdkVersion}
        />
        <TextField
          label="API version header"
          name="apiVersion"
          defaultValue={values.apiVersion}
          error={errors.apiVersion}
          hint="x-api-version, e.g. 2025-09-01"
        />
        <TextField
          label="OAuth scopes"
          name="scopes"
          defaultValue={values.scopes}
          error={listFieldError(errors, "scopes")}
          hint="Space- or comma-separated"
        />
        <TextField
          label="Green dependency pin"
          name="greenDependencyPin"
          defaultValue={values.greenDependencyPin}
          error={errors.greenDependencyPin}
          hint="The version that worked, e.g. @vendor/sdk@4.1.9"
        />
        <TextField
          label="Vendor incident id"
          name="vendorIncidentId"
          defaultValue={values.vendorIncidentId}
          error={errors.vendorIncidentId}
          hint="Optional"
        />
        <TextField
          label="Support case number"
          name="supportCaseNumber"
          defaultValue={values.supportCaseNumber}
          error={errors.supportCaseNumber}
          hint="Optional"
        />
      </fieldset>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
