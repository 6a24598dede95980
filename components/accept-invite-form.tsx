"use client";
import Link from "next/link";
import { useActionState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { FormErrors } from "./form-errors";
import { TextField } from "./text-field";

export type AcceptInviteState = {
  errors?: Record<string, string>;
  message?: string;
  /** The link no longer works (used or expired meanwhile): nothing left to submit. */
  ended?: boolean;
};

/** The invitee chooses a password; success signs them in (the action redirects). */
export function AcceptInviteForm({
  action,
}: {
  action: (
    state: Refusable<AcceptInviteState>,
    form: FormData,
  ) => Promise<Refusable<AcceptInviteState>>;
}) {
  const [answer, formAction, pending] = useActionState(action, {});
  const state = stateOrRefusal(answer, ({ message }): AcceptInviteState => ({ message }));
  if (state.ended) {
    return (
      <p
        role="alert"
        className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
      >
        {state.message}{" "}
        <Link href="/sign-in" className="underline">
          Sign in
        </Link>
      </p>
    );
  }
  return (
    <form action={formAction} noValidate aria-label="Choose a password" className="space-y-4">
      <FormErrors message={state.message} errors={state.errors ?? {}} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        error={state.errors?.password}
        required
      />
      <TextField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={state.errors?.confirmPassword}
        required
      />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Setting password…" : "Set password and sign in"}
      </button>
    </form>
  );
}
