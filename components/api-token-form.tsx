"use client";
import { useActionState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { ROLE_LABELS, ROLES } from "@/lib/auth/role-labels";
import { FormErrors } from "./form-errors";
import { SelectField } from "./select-field";
import { ShownOnce } from "./shown-once";
import { TextField } from "./text-field";

export type NewTokenState = {
  errors?: Record<string, string>;
  message?: string;
  created?: { name: string; token: string };
};

const EXPIRIES = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
];

/** A new API token: name, role and expiry; the token itself is shown once, here. */
export function ApiTokenForm({
  action,
}: {
  action: (state: Refusable<NewTokenState>, form: FormData) => Promise<Refusable<NewTokenState>>;
}) {
  const [answer, formAction, pending] = useActionState(action, {});
  const state = stateOrRefusal(answer, ({ message }): NewTokenState => ({ message }));
  const errors = state.errors ?? {};
  return (
    <form
      key={state.created?.token ?? "new"}
      action={formAction}
      noValidate
      aria-label="Create an API token"
      className="space-y-3"
    >
      {state.created ? (
        <ShownOnce
          label={`API token ${state.created.name}`}
          value={state.created.token}
          note="Shown only now: copy it into the tool that will use it. Pitstop keeps only its hash."
        />
      ) : null}
      <FormErrors message={state.message} errors={errors} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Name" name="name" error={errors.name} required />
        <SelectField
          label="Role"
          name="role"
          options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          defaultValue="sre"
          error={errors.role}
        />
        <SelectField
          label="Expires in"
          name="expiresInDays"
          options={EXPIRIES}
          defaultValue="90"
          error={errors.expiresInDays}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}
