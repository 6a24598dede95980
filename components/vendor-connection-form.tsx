"use client";
// Create or edit a vendor connection. Secrets are write-only: the form never receives them,
// only whether each is set, and a blank field keeps the stored one.
import { useActionState, useState } from "react";
import { stateOrRefusal, type Refusable } from "@/lib/auth/refusal";
import {
  SMARTCAR_ORIGINS,
  VENDOR_KIND_LABELS,
  VENDOR_KINDS,
  type VendorKind,
} from "@/lib/vendors/constants";
import { FormErrors } from "./form-errors";
import { SelectField } from "./select-field";
import { FieldMessage, TextField, inputClass } from "./text-field";

export type VendorConnectionFormValues = {
  name: string;
  kind: VendorKind;
  environment: string;
  baseUrl: string;
  authOrigin: string;
  apiOrigin: string;
  v3Origin: string;
  managementOrigin: string;
  clientId: string;
  isDefault: boolean;
};
export type VendorConnectionFormState = {
  values: VendorConnectionFormValues;
  errors?: Record<string, string>;
  message?: string;
  saved?: boolean;
};
export type SecretsSet = {
  clientSecret: boolean;
  managementToken: boolean;
  adminKey: boolean;
  tenants: string[];
};

type Props = {
  action: (
    state: Refusable<VendorConnectionFormState>,
    form: FormData,
  ) => Promise<Refusable<VendorConnectionFormState>>;
  initial: VendorConnectionFormValues;
  /** Editing: the kind is fixed and the secrets say only whether they are set. */
  secrets?: SecretsSet;
  simulatorUrl: string;
};

const setOrNot = (set: boolean | undefined) =>
  set ? "Set; leave blank to keep it, type a new one to replace it" : "Not set";

export function VendorConnectionForm({ action, initial, secrets, simulatorUrl }: Props) {
  const [answer, formAction, pending] = useActionState(action, { values: initial });
  const state = stateOrRefusal(answer, ({ message }) => ({ values: initial, message }));
  const errors = state.errors ?? {};
  const editing = secrets !== undefined;
  const [kind, setKind] = useState<VendorKind>(state.values.kind);
  const values = state.values;
  return (
    <form
      action={formAction}
      key={JSON.stringify(state)}
      noValidate
      className="max-w-2xl space-y-4"
    >
      <FormErrors message={state.message} errors={errors} />
      {state.saved ? (
        <p
          role="status"
          className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          Saved. Secrets are stored encrypted and will not be shown again.
        </p>
      ) : null}
      <TextField label="Name" name="name" defaultValue={values.name} error={errors.name} required />
      {editing ? (
        <p className="text-sm">
          Kind: <strong>{VENDOR_KIND_LABELS[kind]}</strong>
          <input type="hidden" name="kind" value={kind} />
        </p>
      ) : (
        <SelectField
          label="Kind"
          name="kind"
          options={VENDOR_KINDS.map((value) => ({ value, label: VENDOR_KIND_LABELS[value] }))}
          defaultValue={kind}
          error={errors.kind}
          onChange={(value) => setKind(value as VendorKind)}
        />
      )}
      <SelectField
        label="Environment"
        name="environment"
        options={["sandbox", "prod"]}
        defaultValue={values.environment}
        error={errors.environment}
      />
      <TextField
        label="Base URL"
        name="baseUrl"
        type="url"
        defaultValue={values.baseUrl}
        error={errors.baseUrl}
        hint={
          kind === "smartcar"
            ? "One origin serving auth, API, v3 and management (the simulator's face: …/smartcar/sandbox); blank: real Smartcar's origins"
            : `Blank: the simulator from settings (${simulatorUrl})`
        }
      />
      {kind === "smartcar" ? (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 text-sm font-medium">
            Separate origins (optional, override the base URL)
          </legend>
          <TextField
            label="Auth origin"
            name="authOrigin"
            type="url"
            defaultValue={values.authOrigin}
            error={errors.authOrigin}
            placeholder={SMARTCAR_ORIGINS.authOrigin}
          />
          <TextField
            label="API origin"
            name="apiOrigin"
            type="url"
            defaultValue={values.apiOrigin}
            error={errors.apiOrigin}
            placeholder={SMARTCAR_ORIGINS.apiOrigin}
          />
          <TextField
            label="Vehicle API v3 origin"
            name="v3Origin"
            type="url"
            defaultValue={values.v3Origin}
            error={errors.v3Origin}
            placeholder={SMARTCAR_ORIGINS.v3Origin}
          />
          <TextField
            label="Management API origin"
            name="managementOrigin"
            type="url"
            defaultValue={values.managementOrigin}
            error={errors.managementOrigin}
            placeholder={SMARTCAR_ORIGINS.managementOrigin}
          />
        </fieldset>
      ) : null}
      {kind === "smartcar" ? (
        <>
          <TextField
            label="Client ID"
            name="clientId"
            defaultValue={values.clientId}
            error={errors.clientId}
            autoComplete="off"
          />
          <TextField
            label="Client secret"
            name="clientSecret"
            type="password"
            autoComplete="new-password"
            error={errors.clientSecret}
            hint={editing ? setOrNot(secrets.clientSecret) : "Stored encrypted; never shown again"}
          />
          <TextField
            label="Management token"
            name="managementToken"
            type="password"
            autoComplete="new-password"
            error={errors.managementToken}
            hint={
              editing
                ? setOrNot(secrets.managementToken)
                : "The application management token (optional)"
            }
          />
        </>
      ) : (
        <>
          <TextField
            label="Simulator admin key"
            name="adminKey"
            type="password"
            autoComplete="new-password"
            error={errors.adminKey}
            hint={
              editing && secrets.adminKey
                ? setOrNot(true)
                : "Blank: SIMULATOR_ADMIN_KEY from settings"
            }
          />
          <div>
            <label htmlFor="vendor-tenant-keys" className="block text-sm font-medium">
              Tenant keys
            </label>
            <textarea
              id="vendor-tenant-keys"
              name="tenantKeys"
              rows={3}
              autoComplete="off"
              aria-invalid={errors.tenantKeys ? true : undefined}
              aria-describedby="vendor-tenant-keys-message"
              className={`${inputClass} font-mono`}
              placeholder="tenant=API key, one a line"
            />
            <FieldMessage
              id="vendor-tenant-keys-message"
              error={errors.tenantKeys}
              hint={
                editing && secrets.tenants.length > 0
                  ? `Set for ${secrets.tenants.join(", ")}; blank keeps them, new lines replace them all`
                  : "One tenant=API key a line (optional); stored encrypted"
              }
            />
          </div>
        </>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isDefault" defaultChecked={values.isDefault} />
        Default connection (incidents that name none use it)
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Saving…" : editing ? "Save connection" : "Create connection"}
      </button>
    </form>
  );
}
