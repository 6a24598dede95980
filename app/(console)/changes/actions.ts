"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ChangeFormState } from "@/components/change-form";
import type { ChangeImportState } from "@/components/change-import-form";
import { assertSameOrigin } from "@/lib/auth/origin";
import { authorize } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import {
  CHANGE_FIELD_LABELS,
  changeFieldsFromForm,
  changeInputSchema,
  vendorAuditImportSchema,
} from "@/lib/changes/schema";
import { createChange } from "@/lib/changes/store";
import { describeImport, importVendorAudit } from "@/lib/changes/vendor-audit";
import { fieldErrors } from "@/lib/incidents/schema";
import { labelledErrors } from "@/lib/validation/field-labels";

async function authorizedWriter() {
  const user = await requireUser();
  await assertSameOrigin();
  authorize(user, "change.write");
  return user;
}

const submittedValues = (form: FormData) =>
  Object.fromEntries(
    ["kind", "environment", "tenant", "summary", "details", "occurredAt"].map((field) => [
      field,
      String(form.get(field) ?? ""),
    ]),
  );

export async function recordChangeAction(
  _state: ChangeFormState,
  form: FormData,
): Promise<ChangeFormState> {
  const user = await authorizedWriter();
  const input = changeInputSchema.safeParse(changeFieldsFromForm(form));
  if (!input.success)
    return {
      values: submittedValues(form),
      errors: labelledErrors(fieldErrors(input.error), CHANGE_FIELD_LABELS),
    };
  await createChange(input.data, user);
  revalidatePath("/changes");
  redirect(`/changes?environment=${input.data.environment}`);
}

export async function importVendorAuditAction(
  _state: ChangeImportState,
  form: FormData,
): Promise<ChangeImportState> {
  const user = await authorizedWriter();
  const input = vendorAuditImportSchema.safeParse({ environment: form.get("environment") });
  if (!input.success)
    return {
      ok: false,
      message: input.error.issues[0]?.message ?? "environment must be sandbox or prod",
    };
  const result = await importVendorAudit(input.data.environment, user);
  if (!result.ok)
    return {
      ok: false,
      message: `Nothing was imported from the ${result.environment} audit log. ${result.problem}`,
    };
  revalidatePath("/changes");
  return { ok: true, message: describeImport(result) };
}
