"use client";
import { useActionState, useId, useState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { ENVIRONMENTS } from "@/lib/incidents/constants";
import type { SoakFormErrors, SoakFormValues } from "@/lib/load/form-values";
import { FormErrors } from "./form-errors";
import { SelectField } from "./select-field";
import { TextField } from "./text-field";

export type SoakFormState = {
  values: SoakFormValues;
  errors?: SoakFormErrors;
  message?: string;
  /** Said before starting a run that would only collect refusals; the SRE may confirm and go on. */
  credentialsWarning?: string;
};

type Props = {
  action: (state: Refusable<SoakFormState>, form: FormData) => Promise<Refusable<SoakFormState>>;
  initialValues: SoakFormValues;
  limits: { maxDurationS: number; maxRate: number };
};

const numberInput = { inputMode: "decimal" as const, autoComplete: "off" };

export function SoakForm({ action, initialValues, limits }: Props) {
  const [answer, formAction, pending] = useActionState(action, { values: initialValues });
  const state = stateOrRefusal(answer, ({ message }) => ({ values: initialValues, message }));
  const values = state.values;
  const errors = state.errors ?? {};
  const [scheduleKind, setScheduleKind] = useState(values.scheduleKind ?? "steps");
  const [retry, setRetry] = useState(values.retry === "on");
  const retryId = useId();
  // key: remount inputs after a failed submit so they show what was sent back.
  return (
    <form action={formAction} key={JSON.stringify(values)} noValidate className="space-y-6">
      <FormErrors
        message={state.message}
        errors={errors}
        fallback="Some fields need attention (re-enter the API key and token: they are never sent back):"
      />

      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 font-semibold">Target</legend>
        <TextField
          label="Name"
          name="name"
          defaultValue={values.name}
          error={errors.name}
          required
        />
        <SelectField
          label="Environment"
          name="environment"
          options={ENVIRONMENTS}
          defaultValue={values.environment}
          error={errors.environment}
        />
        <div className="md:col-span-2">
          <TextField
            label="Target URL"
            name="targetUrl"
            type="url"
            defaultValue={values.targetUrl}
            error={errors.targetUrl}
            required
            hint="Loopback only (localhost, 127.x.x.x, ::1): the local simulator by default"
          />
        </div>
        <SelectField
          label="Method"
          name="method"
          options={["GET", "POST"]}
          defaultValue={values.method}
          error={errors.method}
        />
        <TextField
          label="API version"
          name="apiVersion"
          defaultValue={values.apiVersion}
          error={errors.apiVersion}
          hint="Sent as x-api-version"
        />
      </fieldset>

      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 font-semibold">Credentials</legend>
        <TextField
          label="API key"
          name="apiKey"
          type="password"
          autoComplete="off"
          error={errors.apiKey}
          hint="Sent as x-api-key; stored only as a hint (••••abcd)"
        />
        <TextField
          label="Bearer token"
          name="bearerToken"
          type="password"
          autoComplete="off"
          error={errors.bearerToken}
          hint="Optional; stored only as a hint"
        />
        <TextField
          label="Mint a token for tenant"
          name="mintTenant"
          defaultValue={values.mintTenant}
          error={errors.mintTenant}
          hint="With no bearer token: the simulator mints one for this tenant…"
        />
        <TextField
          label="Mint a token for account"
          name="mintAccount"
          defaultValue={values.mintAccount}
          error={errors.mintAccount}
          hint="…and this account (id or email), e.g. ava.active@example.com"
        />
      </fieldset>

      <fieldset className="grid gap-4 md:grid-cols-4">
        <legend className="mb-2 font-semibold">Rate schedule</legend>
        <SelectField
          label="Schedule"
          name="scheduleKind"
          options={[
            { value: "steps", label: "Steps up to a ceiling" },
            { value: "constant", label: "Constant rate" },
          ]}
          defaultValue={scheduleKind}
          error={errors.scheduleKind}
          onChange={setScheduleKind}
        />
        {scheduleKind === "constant" ? (
          <TextField
            label="Rate (req/s)"
            name="rate"
            {...numberInput}
            defaultValue={values.rate}
            error={errors.rate}
            hint={`At most ${limits.maxRate.toLocaleString("en")} req/s`}
          />
        ) : (
          <>
            <TextField
              label="Start rate (req/s)"
              name="startRate"
              {...numberInput}
              defaultValue={values.startRate}
              error={errors.startRate}
            />
            <TextField
              label="Step by (req/s)"
              name="stepBy"
              {...numberInput}
              defaultValue={values.stepBy}
              error={errors.stepBy}
            />
            <TextField
              label="Ceiling (req/s)"
              name="ceiling"
              {...numberInput}
              defaultValue={values.ceiling}
              error={errors.ceiling}
              hint={`At most ${limits.maxRate.toLocaleString("en")} req/s`}
            />
            <TextField
              label="Step duration (s)"
              name="stepDurationS"
              {...numberInput}
              defaultValue={values.stepDurationS}
              error={errors.stepDurationS}
            />
          </>
        )}
        <TextField
          label="Run duration (s)"
          name="durationS"
          {...numberInput}
          defaultValue={values.durationS}
          error={errors.durationS ?? errors.schedule}
          hint={`At most ${limits.maxDurationS.toLocaleString("en")} s (30 minutes)`}
        />
        <TextField
          label="Timeout (ms)"
          name="timeoutMs"
          {...numberInput}
          defaultValue={values.timeoutMs}
          error={errors.timeoutMs}
        />
        <TextField
          label="Connections"
          name="connections"
          {...numberInput}
          defaultValue={values.connections}
          error={errors.connections}
        />
      </fieldset>

      <fieldset className="grid gap-4 md:grid-cols-4">
        <legend className="mb-2 font-semibold">Retries</legend>
        <div className="flex items-center gap-2 md:col-span-2">
          <input
            id={retryId}
            type="checkbox"
            name="retry"
            defaultChecked={retry}
            onChange={(event) => setRetry(event.target.checked)}
            className="h-4 w-4"
          />
          <label htmlFor={retryId} className="text-sm font-medium">
            Retry failed requests (full jitter, base 200 ms, cap 30 s, honouring Retry-After)
          </label>
        </div>
        {retry ? (
          <TextField
            label="Max attempts"
            name="retryMaxAttempts"
            {...numberInput}
            defaultValue={values.retryMaxAttempts}
            error={errors.retryMaxAttempts}
          />
        ) : null}
      </fieldset>

      <fieldset className="grid gap-4 md:grid-cols-4">
        <legend className="mb-2 font-semibold">Verdict</legend>
        <TextField
          label="Success threshold (%)"
          name="successThresholdPct"
          {...numberInput}
          defaultValue={values.successThresholdPct}
          error={errors.successThresholdPct}
          hint="The run passes when at least this share of requests (for a stepped run, of the steps below the breakpoint) got a 2xx"
        />
      </fieldset>

      {state.credentialsWarning ? (
        <div
          role="alert"
          className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          <p>{state.credentialsWarning}</p>
          <label className="flex items-center gap-2 font-medium">
            <input type="checkbox" name="confirmNoCredentials" className="h-4 w-4" />
            Start without credentials anyway
          </label>
        </div>
      ) : null}

      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Starting…" : "Start soak run"}
      </button>
    </form>
  );
}
