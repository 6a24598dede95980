"use client";
import { useActionState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { FormErrors } from "./form-errors";
import { TextField } from "./text-field";

export type ChangePasswordState = {
  message?: string;
  fields?: Record<string, string>;
  changed?: boolean;
};

type Props = {
  action: (
    state: Refusable<ChangePasswordState>,
    form: FormData,
  ) => Promise<Refusable<ChangePasswordState>>;
};

export function ChangePasswordForm({ action }: Props) {
  const [answer, formAction, pending] = useActionState(action, {});
  const state = stateOrRefusal(answer, ({ message }): ChangePasswordState => ({ message }));
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.changed ? (
        <p
          role="status"
          className="rounded-md bg-green-50 p-3 text-sm text-green-800 dark:bg-green-950 dark:text-green-200"
        >
          Password changed. Your other sessions have been signed out.
        </p>
      ) : null}
      <FormErrors message={state.message} errors={state.fields ?? {}} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={state.fields?.currentPassword}
        required
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        error={state.fields?.newPassword}
        required
      />
      <TextField
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={state.fields?.confirmPassword}
        required
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
