"use client";
import { useActionState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";

export type ChangeImportState = { ok: boolean; message: string } | null;

type Props = {
  environment: string;
  action: (
    state: Refusable<ChangeImportState>,
    form: FormData,
  ) => Promise<Refusable<ChangeImportState>>;
};

/** One environment's "Import vendor audit log" button and what the last import did. */
export function ChangeImportForm({ environment, action }: Props) {
  const [answer, formAction, pending] = useActionState(action, null);
  const state = stateOrRefusal(answer, ({ message }) => ({ ok: false, message }));
  return (
    <form
      action={formAction}
      className="flex flex-col gap-1"
      aria-label={`Import ${environment} vendor audit log`}
    >
      <input type="hidden" name="environment" value={environment} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {pending ? `Importing ${environment}…` : `Import vendor audit log (${environment})`}
      </button>
      {state ? (
        <p
          role={state.ok ? "status" : "alert"}
          className={`text-sm ${state.ok ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}
        >
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
