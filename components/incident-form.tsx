"use client";
import { useActionState, useId } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import type { IncidentFormValues } from "@/lib/incidents/form-values";
import { FormErrors, listFieldError } from "./form-errors";
import { SelectField } from "./select-field";
import { FieldMessage, TextField, inputClass } from "./text-field";

export type IncidentFormState = {
  values: IncidentFormValues;
  errors?: Record<string, string>;
  message?: string;
};

type Props = {
  action: (
    state: Refusable<IncidentFormState>,
    form: FormData,
  ) => Promise<Refusable<IncidentFormState>>;
  initialValues: IncidentFormValues;
  submitLabel: string;
  showStatus?: boolean;
  /** The vendor connections to choose from; the first choice ("") is the default one. */
  vendorConnections: { value: string; label: string }[];
};

export function IncidentForm({
  action,
  initialValues,
  submitLabel,
  showStatus,
  vendorConnections,
}: Props) {
  const [answer, formAction, pending] = useActionState(action, { values: initialValues });
  const state = stateOrRefusal(answer, ({ message }) => ({ values: initialValues, message }));
  const values = state.values;
  const errors = state.errors ?? {};
  const errorStringId = useId();
  // key: remount inputs after a failed submit so they show what was sent back.
  const formKey = JSON.stringify(values);
  return (
    <form action={formAction} key={formKey} noValidate className="space-y-6">
      <FormErrors message={state.message} errors={errors} />
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="sr-only">What happened</legend>
        <div className="md:col-span-2">
          <TextField
            label="Title"
            name="title"
            defaultValue={values.title}
            error={errors.title}
            required
          />
        </div>
        <TextField
          label="Correlation id"
          name="correlationId"
          defaultValue={values.correlationId}
          error={errors.correlationId}
          required
          hint="The x-correlationid of the failing call"
        />
        <TextField
          label="Occurred at (UTC)"
          name="occurredAt"
          type="datetime-local"
          step={1}
          defaultValue={values.occurredAt}
          error={errors.occurredAt}
          required
        />
        <SelectField
          label="Environment"
          name="environment"
          options={["prod", "sandbox"]}
          defaultValue={values.environment}
          error={errors.environment}
        />
        <TextField
          label="Tenant"
          name="tenant"
          defaultValue={values.tenant}
          error={errors.tenant}
          required
        />
        <SelectField
          label="Severity"
          name="severity"
          options={["sev1", "sev2", "sev3", "sev4"]}
          defaultValue={values.severity}
          error={errors.severity}
        />
        {showStatus ? (
          <SelectField
            label="Status"
            name="status"
            options={["open", "triaging", "mitigated", "resolved"]}
            defaultValue={values.status}
            error={errors.status}
          />
        ) : null}
        <div className="md:col-span-2">
          <label htmlFor={errorStringId} className="block text-sm font-medium">
            Error string
          </label>
          <textarea
            id={errorStringId}
            name="errorString"
            rows={4}
            defaultValue={values.errorString}
            aria-invalid={errors.errorString ? true : undefined}
            aria-describedby={`${errorStringId}-message`}
            className={`${inputClass} font-mono`}
          />
          <FieldMessage
            id={`${errorStringId}-message`}
            error={errors.errorString}
            hint="Paste it verbatim: the signature is computed from it"
          />
        </div>
        <TextField
          label="HTTP status"
          name="httpStatus"
          inputMode="numeric"
          defaultValue={values.httpStatus}
          error={errors.httpStatus}
        />
        <TextField
          label="VIN"
          name="vin"
          defaultValue={values.vin}
          error={errors.vin}
          hint="17 characters, no I, O or Q"
        />
        <TextField
          label="Account ref"
          name="accountRef"
          defaultValue={values.accountRef}
          error={errors.accountRef}
        />
        <SelectField
          label="Vendor connection"
          name="vendorConnectionId"
          options={vendorConnections}
          defaultValue={values.vendorConnectionId ?? ""}
          error={errors.vendorConnectionId}
        />
        <TextField
          label="OAuth scopes"
          name="scopes"
          defaultValue={values.scopes}
          error={listFieldError(errors, "scopes")}
          hint="Space- or comma-separated"
        />
        <TextField
          label="SDK name"
          name="sdkName"
          defaultValue={values.sdkName}
          error={errors.sdkName}
        />
        <TextField
          label="SDK version"
          name="sdkVersion"
          defaultValue={values.sdkVersion}
          error={errors.sdkVersion}
        />
        <TextField
          label="API version"
          name="apiVersion"
          defaultValue={values.apiVersion}
          error={errors.apiVersion}
        />
        <TextField
          label="App version"
          name="appVersion"
          defaultValue={values.appVersion}
          error={errors.appVersion}
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
