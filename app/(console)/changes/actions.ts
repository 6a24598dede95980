"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ChangeFormState } from "@/components/change-form";
import type { ChangeImportState } from "@/components/change-import-form";
import { formActionInput, formInput, withSession } from "@/lib/auth/action";
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

const submittedValues = (form: FormData) =>
  Object.fromEntries(
    ["kind", "environment", "tenant", "summary", "details", "occurredAt"].map((field) => [
      field,
      String(form.get(field) ?? ""),
    ]),
  );

export const recordChangeAction = withSession(
  async (user, _state, form): Promise<ChangeFormState> => {
    const input = changeInputSchema.safeParse(changeFieldsFromForm(form));
    if (!input.success)
      return {
        values: submittedValues(form),
        errors: labelledErrors(fieldErrors(input.error), CHANGE_FIELD_LABELS),
      };
    await createChange(input.data, user);
    revalidatePath("/changes");
    redirect(`/changes?environment=${input.data.environment}`);
  },
  { action: "change.write", input: formActionInput },
);

export const importVendorAuditAction = withSession(
  async (user, _state, { environment }): Promise<ChangeImportState> => {
    const result = await importVendorAudit(environment, user);
    if (!result.ok)
      return {
        ok: false,
        message: `Nothing was imported from the ${result.environment} audit log. ${result.problem}`,
      };
    revalidatePath("/changes");
    return { ok: true, message: describeImport(result) };
  },
  {
    action: "change.write",
    input: z.tuple([
      z.unknown(),
      formInput(vendorAuditImportSchema, (form) => ({ environment: form.get("environment") })),
    ]),
  },
);
