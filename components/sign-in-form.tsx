"use client";
import { useState } from "react";
import { TextField } from "./text-field";

type SignInState = { message?: string; fields?: Record<string, string> };
type SignInAnswer = SignInState & { location?: string };

type Props = {
  /** Where to go once signed in (already checked to be a path on this site). */
  next: string;
};

// Posts to the sign-in route rather than a server action so refusals keep their HTTP status
// (429 with Retry-After when throttled or busy) for scripts and proxies alike.
export function SignInForm({ next }: Props) {
  const [state, setState] = useState<SignInState>({});
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    try {
      const response = await fetch("/sign-in/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password"), next }),
      });
      const answer = (await response.json()) as SignInAnswer;
      if (response.ok && answer.location) {
        window.location.assign(answer.location);
        return;
      }
      setState(answer.fields ? { fields: answer.fields } : { message: answer.message });
    } catch {
      setState({ message: "Sign-in did not reach Pitstop. Try again." });
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      {state.message ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {state.message}
        </p>
      ) : null}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
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
