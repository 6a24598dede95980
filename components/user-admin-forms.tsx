"use client";
// The admin's forms on the Users screen: add a user (a password, or an invite link shown once),
// and on a user's page change the role, set a password, disable or enable, make a new link.
import { useActionState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/role-labels";
import { FormErrors } from "./form-errors";
import { SelectField } from "./select-field";
import { ShownOnce } from "./shown-once";
import { TextField } from "./text-field";

type ShownLink = { url: string; expiresAt: string };
export type NewUserState = {
  values?: { name: string; email: string; role: string };
  errors?: Record<string, string>;
  message?: string;
  created?: { name: string; invite: ShownLink | null };
};
export type UserChangeState = {
  errors?: Record<string, string>;
  message?: string;
  saved?: boolean;
};
export type InviteLinkState = { message?: string; invite?: ShownLink };

type FormAction<S> = (state: Refusable<S>, form: FormData) => Promise<Refusable<S>>;

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const primary =
  "rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60";
const secondary =
  "rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800";

const expiry = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function InviteLink({ link }: { link: ShownLink }) {
  return (
    <ShownOnce
      label="Invite link"
      value={link.url}
      note={`Shown only now: pass it on. It works once, until ${expiry(link.expiresAt)}.`}
    />
  );
}

export function NewUserForm({ action }: { action: FormAction<NewUserState> }) {
  const [answer, formAction, pending] = useActionState(action, {});
  const state = stateOrRefusal(answer, ({ message }): NewUserState => ({ message }));
  const errors = state.errors ?? {};
  return (
    // A new key after each success empties the fields for the next user.
    <form
      key={state.created ? state.created.name + (state.created.invite?.url ?? "") : "new"}
      action={formAction}
      noValidate
      aria-label="Add a user"
      className="space-y-3"
    >
      {state.created ? (
        state.created.invite ? (
          <InviteLink link={state.created.invite} />
        ) : (
          <p
            role="status"
            className="rounded-md bg-green-50 p-3 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
          >
            {state.created.name} can sign in with the password you set.
          </p>
        )
      ) : null}
      <FormErrors message={state.message} errors={errors} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Name"
          name="name"
          defaultValue={state.values?.name}
          error={errors.name}
          required
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          defaultValue={state.values?.email}
          error={errors.email}
          required
        />
        <SelectField
          label="Role"
          name="role"
          options={ROLE_OPTIONS}
          defaultValue={state.values?.role || "sre"}
          error={errors.role}
        />
      </div>
      <TextField
        label="Password (optional)"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="Leave empty to create a one-time invite link instead (valid 72 hours)."
        error={errors.password}
      />
      <button type="submit" disabled={pending} className={primary}>
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}

function Outcome({ state, saved }: { state: UserChangeState; saved: string }) {
  return (
    <>
      {state.saved ? (
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {saved}
        </p>
      ) : null}
      <FormErrors message={state.message} errors={state.errors ?? {}} />
    </>
  );
}

function useChange(action: FormAction<UserChangeState>) {
  const [answer, formAction, pending] = useActionState(action, {});
  const state = stateOrRefusal(answer, ({ message }): UserChangeState => ({ message }));
  return { state, formAction, pending };
}

export function UserRoleForm({
  action,
  role,
}: {
  action: FormAction<UserChangeState>;
  role: Role;
}) {
  const { state, formAction, pending } = useChange(action);
  return (
    <form action={formAction} noValidate aria-label="Change role" className="space-y-2">
      <Outcome state={state} saved="Role saved." />
      <SelectField
        label="Role"
        name="role"
        options={ROLE_OPTIONS}
        defaultValue={role}
        error={state.errors?.role}
      />
      <button type="submit" disabled={pending} className={secondary}>
        Save role
      </button>
    </form>
  );
}

export function UserPasswordForm({ action }: { action: FormAction<UserChangeState> }) {
  const { state, formAction, pending } = useChange(action);
  return (
    <form action={formAction} noValidate aria-label="Set password" className="space-y-2">
      <Outcome state={state} saved="Password set. The user's sessions have ended." />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. Ends every session of this user."
        error={state.errors?.password}
        required
      />
      <button type="submit" disabled={pending} className={secondary}>
        Set password
      </button>
    </form>
  );
}

export function UserDisableForm({
  action,
  disabled,
}: {
  action: FormAction<UserChangeState>;
  disabled: boolean;
}) {
  const { state, formAction, pending } = useChange(action);
  return (
    <form
      action={formAction}
      aria-label={disabled ? "Enable user" : "Disable user"}
      className="space-y-2"
    >
      <Outcome
        state={state}
        saved={disabled ? "User disabled; their sessions have ended." : "User enabled."}
      />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <button
        type="submit"
        disabled={pending}
        className={
          disabled
            ? secondary
            : "rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
        }
      >
        {disabled ? "Enable user" : "Disable user"}
      </button>
    </form>
  );
}

export function InviteLinkForm({ action }: { action: FormAction<InviteLinkState> }) {
  const [answer, formAction, pending] = useActionState(action, {});
  const state = stateOrRefusal(answer, ({ message }): InviteLinkState => ({ message }));
  return (
    <form action={formAction} aria-label="New invite link" className="space-y-2">
      {state.invite ? <InviteLink link={state.invite} /> : null}
      <FormErrors message={state.message} errors={{}} />
      <button type="submit" disabled={pending} className={secondary}>
        New invite link
      </button>
    </form>
  );
}
