"use client";
// The probes' settings: on/off, interval, endpoints per environment and the tenant/account
// whose credentials they use. Validated again on the server; field errors come back here.
import { useActionState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { ENVIRONMENTS } from "@/lib/incidents/constants";
import type { ProbeConfigFormValues } from "@/lib/probes/config";
import { FieldMessage, TextField } from "./text-field";

export type ProbeConfigFormState = {
  values: ProbeConfigFormValues;
  errors?: Record<string, string>;
  saved?: boolean;
};

type Props = {
  action: (
    state: Refusable<ProbeConfigFormState>,
    form: FormData,
  ) => Promise<Refusable<ProbeConfigFormState>>;
  initialValues: ProbeConfigFormValues;
  intervalBounds: { min: number; max: number };
  /** The endpoints a probe can call, as the page read them from lib/probes/catalogue.ts. */
  endpointOptions: { value: string; label: string }[];
};

function CheckboxGroup({
  legend,
  name,
  options,
  checked,
  error,
}: {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string;
}) {
  return (
    <fieldset aria-invalid={error ? true : undefined} aria-describedby={`${name}-message`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option.value} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={checked.includes(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldMessage id={`${name}-message`} error={error} />
    </fieldset>
  );
}

const THRESHOLD_LABELS: Record<keyof ProbeConfigFormValues["thresholds"], string> = {
  downAfterFailures: "Down after failures in a row",
  degradedFailurePct: "Degraded at failure share (%)",
  degradedP95Ms: "Degraded above p95 latency (ms)",
};

export function ProbeConfigForm({ action, initialValues, intervalBounds, endpointOptions }: Props) {
  const [answer, formAction, pending] = useActionState(action, { values: initialValues });
  // A refusal reads like the form's own "Not saved" line.
  const state = stateOrRefusal(answer, ({ message }) => ({
    values: initialValues,
    errors: { form: message },
  }));
  const { values } = state;
  const errors = state.errors ?? {};
  return (
    <form action={formAction} key={JSON.stringify(values)} noValidate className="space-y-4">
      {Object.keys(errors).length ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          Not saved: {Object.values(errors).join("; ")}
        </p>
      ) : state.saved ? (
        <p
          role="status"
          className="rounded-md bg-green-50 p-3 text-sm text-green-800 dark:bg-green-950 dark:text-green-200"
        >
          Saved. The probes use it from their next cycle.
        </p>
      ) : null}
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="enabled" defaultChecked={values.enabled} />
        Probing enabled
      </label>
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          label="Interval (s)"
          name="intervalS"
          type="number"
          min={intervalBounds.min}
          max={intervalBounds.max}
          defaultValue={values.intervalS}
          error={errors.intervalS}
          hint={`${intervalBounds.min} to ${intervalBounds.max} seconds`}
        />
        <TextField
          label="Tenant"
          name="tenant"
          defaultValue={values.tenant}
          error={errors.tenant}
          hint="Whose API key the account endpoints use"
        />
        <TextField
          label="Account"
          name="account"
          defaultValue={values.account}
          error={errors.account}
          hint="Id or email the token is minted for"
        />
      </div>
      <CheckboxGroup
        legend="Environments"
        name="environments"
        options={ENVIRONMENTS.map((env) => ({ value: env, label: env }))}
        checked={values.environments}
        error={errors.environments}
      />
      <fieldset>
        <legend className="text-sm font-medium">
          Endpoint states (over each endpoint&apos;s last 10 probes)
        </legend>
        <div className="mt-1 grid gap-4 sm:grid-cols-3">
          {(Object.keys(THRESHOLD_LABELS) as (keyof typeof THRESHOLD_LABELS)[]).map((field) => (
            <TextField
              key={field}
              label={THRESHOLD_LABELS[field]}
              name={`thresholds.${field}`}
              inputMode="numeric"
              defaultValue={values.thresholds[field]}
              error={errors[`thresholds.${field}`]}
            />
          ))}
        </div>
      </fieldset>
      {ENVIRONMENTS.map((env) => (
        <CheckboxGroup
          key={env}
          legend={`Endpoints in ${env}`}
          name={`endpoints.${env}`}
          options={endpointOptions}
          checked={values.endpoints[env]}
          error={errors[`endpoints.${env}`]}
        />
      ))}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-900 px-3 py-2 text-sm text-white disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900"
      >
        {pending ? "Saving…" : "Save probe settings"}
      </button>
    </form>
  );
}
