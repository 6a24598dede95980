"use client";
import { useActionState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { TextField } from "./text-field";

export type SignInState = { email: string; message?: string; fields?: Record<string, string> };

type Props = {
  action: (state: Refusable<SignInState>, form: FormData) => Promise<Refusable<SignInState>>;
  /** Where to go once signed in (already checked to be a path on this site). */
  next: string;
};

export function SignInForm({ action, next }: Props) {
  const [answer, formAction, pending] = useActionState(action, { email: "" });
  const state = stateOrRefusal(answer, ({ message }) => ({ email: "", message }));
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={state.email}
        error={state.fields?.email}
        required
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        error={state.fields?.password}
        required
      />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
