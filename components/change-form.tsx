"use client";
import { useActionState, useId } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { SelectField } from "./select-field";
import { FieldMessage, TextField, inputClass } from "./text-field";
import { FormErrors } from "./form-errors";

export type ChangeFormValues = Record<string, string>;
export type ChangeFormState = {
  values: ChangeFormValues;
  errors?: Record<string, string>;
  message?: string;
};

type Props = {
  action: (
    state: Refusable<ChangeFormState>,
    form: FormData,
  ) => Promise<Refusable<ChangeFormState>>;
  initialValues: ChangeFormValues;
  kinds: { value: string; label: string }[];
};

export function ChangeForm({ action, initialValues, kinds }: Props) {
  const [answer, formAction, pending] = useActionState(action, { values: initialValues });
  const state = stateOrRefusal(answer, ({ message }) => ({ values: initialValues, message }));
  const values = state.values;
  const errors = state.errors ?? {};
  const detailsId = useId();
  return (
    // key: remount after a failed submit so the inputs show what was sent back.
    <form action={formAction} key={JSON.stringify(values)} noValidate className="space-y-6">
      <FormErrors message={state.message} errors={errors} />
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="sr-only">The change</legend>
        <SelectField
          label="Kind"
          name="kind"
          options={kinds}
          defaultValue={values.kind}
          error={errors.kind}
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
          hint="Leave empty when the change touched every tenant of the environment"
        />
        <TextField
          label="Occurred at (UTC)"
          name="occurredAt"
          type="datetime-local"
          step={1}
          defaultValue={values.occurredAt}
          error={errors.occurredAt}
          hint="Defaults to now; not in the future"
        />
        <div className="md:col-span-2">
          <TextField
            label="Summary"
            name="summary"
            defaultValue={values.summary}
            error={errors.summary}
            required
          />
        </div>
        <div className="md:col-span-2">
          <label htmlFor={detailsId} className="block text-sm font-medium">
            Details
          </label>
          <textarea
            id={detailsId}
            name="details"
            rows={4}
            defaultValue={values.details}
            aria-invalid={errors.details ? true : undefined}
            aria-describedby={`${detailsId}-message`}
            className={inputClass}
          />
          <FieldMessage
            id={`${detailsId}-message`}
            error={errors.details}
            hint="Versions, ticket, who approved it: what the next on-caller needs"
          />
        </div>
      </fieldset>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Saving…" : "Record change"}
      </button>
    </form>
  );
}
