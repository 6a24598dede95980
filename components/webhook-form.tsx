"use client";
import { useActionState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { listFieldError, FormErrors } from "./form-errors";
import { FieldMessage, TextField, inputClass } from "./text-field";

export type WebhookFormState = {
  values: { url: string; events: string[] };
  errors?: Record<string, string>;
  message?: string;
  /** The webhook just created, with its secret: shown this once. */
  created?: { id: string; url: string; secret: string };
};

type Props = {
  action: (
    state: Refusable<WebhookFormState>,
    form: FormData,
  ) => Promise<Refusable<WebhookFormState>>;
  events: readonly string[];
};

const EMPTY: WebhookFormState = { values: { url: "", events: [] } };

export function WebhookForm({ action, events }: Props) {
  const [answer, formAction, pending] = useActionState(action, EMPTY);
  const state = stateOrRefusal(answer, ({ message }) => ({ ...EMPTY, message }));
  const errors = state.errors ?? {};
  const eventsError = listFieldError(errors, "events");
  return (
    <div className="space-y-4">
      {state.created ? (
        <div
          role="status"
          className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          <p>
            Webhook created for <span className="break-all">{state.created.url}</span>. Copy its
            secret now: it is shown only this once.
          </p>
          <label className="mt-2 block font-medium">
            New webhook&apos;s secret
            <input
              readOnly
              value={state.created.secret}
              className={`${inputClass} font-mono`}
              onFocus={(event) => event.currentTarget.select()}
            />
          </label>
        </div>
      ) : null}
      {/* key: remount after a submit so the inputs show what was sent back. */}
      <form action={formAction} key={JSON.stringify(state)} noValidate className="space-y-4">
        <FormErrors message={state.message} errors={errors} />
        <TextField
          label="URL"
          name="url"
          type="url"
          defaultValue={state.values.url}
          error={errors.url}
          hint="http or https; loopback and private addresses only with PITSTOP_WEBHOOK_ALLOW_PRIVATE=1"
          required
        />
        <fieldset
          aria-invalid={eventsError ? true : undefined}
          aria-describedby="webhook-events-message"
        >
          <legend className="text-sm font-medium">Events</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {events.map((event) => (
              <label key={event} className="flex items-center gap-1.5 font-mono text-sm">
                <input
                  type="checkbox"
                  name="events"
                  value={event}
                  defaultChecked={state.values.events.includes(event)}
                />
                {event}
              </label>
            ))}
          </div>
          <FieldMessage id="webhook-events-message" error={eventsError} />
        </fieldset>
        <TextField
          label="Secret"
          name="secret"
          autoComplete="off"
          error={errors.secret}
          hint="Optional, 16 characters or more; leave empty to have one generated"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {pending ? "Creating…" : "Create webhook"}
        </button>
      </form>
    </div>
  );
}
