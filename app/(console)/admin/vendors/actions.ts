"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ConnectionTestState } from "@/components/vendor-connection-test";
import type {
  VendorConnectionFormState,
  VendorConnectionFormValues,
} from "@/components/vendor-connection-form";
import { formDataInput, formInput, idInput, withSession } from "@/lib/auth/action";
import { fieldErrors } from "@/lib/incidents/schema";
import { labelledErrors } from "@/lib/validation/field-labels";
import { connectOrigin, linkLabelSchema, startConnect } from "@/lib/vendors/connect";
import { VENDOR_KINDS } from "@/lib/vendors/constants";
import {
  VENDOR_CONNECTION_FIELD_LABELS,
  vendorConnectionFieldsFromForm,
  vendorConnectionInputSchema,
  vendorConnectionPatchSchema,
} from "@/lib/vendors/schema";
import {
  createConnection,
  deleteConnection,
  deleteRefusal,
  getConnection,
  unlinkAccount,
  updateConnection,
  type ConnectionWriteResult,
} from "@/lib/vendors/store";
import { testVendorConnection } from "@/lib/vendors/test-connection";

const VENDORS_PAGE = "/admin/vendors";
const connectionPage = (id: unknown) =>
  typeof id === "string" && id ? `${VENDORS_PAGE}/${encodeURIComponent(id)}` : VENDORS_PAGE;
const withFlash = (path: string, name: "error" | "notice", message: string) =>
  `${path}?${name}=${encodeURIComponent(message)}`;

/** What was typed, secrets left out: they never travel back to the browser. */
function submittedValues(form: FormData): VendorConnectionFormValues {
  const field = (name: string) => String(form.get(name) ?? "");
  const kind = VENDOR_KINDS.find((value) => value === field("kind")) ?? "pitstop-simulator";
  return {
    name: field("name"),
    kind,
    environment: field("environment") || "sandbox",
    baseUrl: field("baseUrl"),
    authOrigin: field("authOrigin"),
    apiOrigin: field("apiOrigin"),
    v3Origin: field("v3Origin"),
    managementOrigin: field("managementOrigin"),
    clientId: field("clientId"),
    isDefault: form.get("isDefault") === "on",
  };
}

const refusedWrite = (
  result: Exclude<ConnectionWriteResult, { ok: true }>,
  form: FormData,
): VendorConnectionFormState =>
  result.reason === "not_found"
    ? { values: submittedValues(form), message: "This vendor connection no longer exists." }
    : {
        values: submittedValues(form),
        errors: labelledErrors(result.fields, VENDOR_CONNECTION_FIELD_LABELS),
      };

export const createVendorConnectionAction = withSession(
  async (user, _state, form): Promise<VendorConnectionFormState> => {
    const input = vendorConnectionInputSchema.safeParse(vendorConnectionFieldsFromForm(form));
    if (!input.success)
      return {
        values: submittedValues(form),
        errors: labelledErrors(fieldErrors(input.error), VENDOR_CONNECTION_FIELD_LABELS),
      };
    const result = await createConnection(input.data, user);
    if (!result.ok) return refusedWrite(result, form);
    revalidatePath(VENDORS_PAGE);
    redirect(withFlash(connectionPage(result.connection.id), "notice", "Connection created."));
  },
  { action: "vendors.manage", input: z.tuple([z.unknown(), formDataInput]) },
);

export const updateVendorConnectionAction = withSession(
  async (user, id, _state, form): Promise<VendorConnectionFormState> => {
    const patch = vendorConnectionPatchSchema.safeParse(vendorConnectionFieldsFromForm(form));
    if (!patch.success)
      return {
        values: submittedValues(form),
        errors: labelledErrors(fieldErrors(patch.error), VENDOR_CONNECTION_FIELD_LABELS),
      };
    const result = await updateConnection(id, patch.data, user);
    if (!result.ok) return refusedWrite(result, form);
    revalidatePath(VENDORS_PAGE);
    revalidatePath(connectionPage(id));
    return { values: submittedValues(form), saved: true };
  },
  { action: "vendors.manage", input: z.tuple([idInput("id"), z.unknown(), formDataInput]) },
);

export const deleteVendorConnectionAction = withSession(
  async (user, id): Promise<void> => {
    const existing = await getConnection(id);
    if (!existing) redirect(withFlash(VENDORS_PAGE, "error", "This connection no longer exists."));
    const result = await deleteConnection(id, user);
    if (!result.ok)
      redirect(withFlash(connectionPage(id), "error", deleteRefusal(result, existing.name)));
    revalidatePath(VENDORS_PAGE);
    redirect(withFlash(VENDORS_PAGE, "notice", `Deleted "${existing.name}".`));
  },
  {
    action: "vendors.manage",
    input: z.tuple([idInput("id"), formDataInput]),
    refusedAt: () => VENDORS_PAGE,
  },
);

export const testVendorConnectionAction = withSession(
  async (_user, id): Promise<ConnectionTestState> => {
    const report = await testVendorConnection(id, { origin: connectOrigin(await headers()) });
    return report ? { report } : { message: "This connection no longer exists." };
  },
  { action: "vendors.manage", input: z.tuple([idInput("id"), z.unknown(), formDataInput]) },
);

/** Sends the admin's browser to Smartcar Connect with a one-time state. */
export const linkSmartcarAccountAction = withSession(
  async (user, id, { label }): Promise<void> => {
    const started = await startConnect(id, label, user, connectOrigin(await headers()));
    if (!started.ok) redirect(withFlash(connectionPage(id), "error", started.message));
    redirect(started.url);
  },
  {
    action: "vendors.manage",
    input: z.tuple([
      idInput("id"),
      formInput(linkLabelSchema, (form) => ({ label: form.get("label") ?? "" })),
    ]),
    refusedAt: (id) => connectionPage(id),
  },
);

export const unlinkSmartcarAccountAction = withSession(
  async (user, id, linkId): Promise<void> => {
    const removed = await unlinkAccount(id, linkId, user);
    revalidatePath(connectionPage(id));
    redirect(
      removed
        ? withFlash(connectionPage(id), "notice", "Account unlinked; its tokens are deleted.")
        : withFlash(connectionPage(id), "error", "That account was already unlinked."),
    );
  },
  {
    action: "vendors.manage",
    input: z.tuple([idInput("id"), idInput("linkId"), formDataInput]),
    refusedAt: (id) => connectionPage(id),
  },
);
