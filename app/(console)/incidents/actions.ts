"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { IncidentFormState } from "@/components/incident-form";
import { assertSameOrigin } from "@/lib/auth/origin";
import { authorize } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { submittedFormValues } from "@/lib/incidents/form-values";
import {
  fieldErrors,
  INCIDENT_FIELD_LABELS,
  incidentFieldsFromForm,
  incidentInputSchema,
  statusChangeSchema,
} from "@/lib/incidents/schema";
import {
  changeIncidentStatus,
  createIncident,
  updateIncident,
  type IncidentWriteResult,
} from "@/lib/incidents/store";
import { labelledErrors } from "@/lib/validation/field-labels";

async function authorizedWriter() {
  const user = await requireUser();
  await assertSameOrigin();
  authorize(user, "incident.write");
  return user;
}

const formErrors = (error: z.ZodError) => labelledErrors(fieldErrors(error), INCIDENT_FIELD_LABELS);

function failedWrite(
  result: Extract<IncidentWriteResult, { ok: false }>,
  form: FormData,
): IncidentFormState {
  return result.reason === "duplicate_correlation_id"
    ? {
        values: submittedFormValues(form),
        errors: {
          correlationId: `${INCIDENT_FIELD_LABELS.correlationId} is already used by another incident`,
        },
      }
    : { values: submittedFormValues(form), message: "This incident no longer exists." };
}

export async function createIncidentAction(
  _state: IncidentFormState,
  form: FormData,
): Promise<IncidentFormState> {
  const user = await authorizedWriter();
  const input = incidentInputSchema.safeParse(incidentFieldsFromForm(form));
  if (!input.success) return { values: submittedFormValues(form), errors: formErrors(input.error) };
  const result = await createIncident(input.data, user);
  if (!result.ok) return failedWrite(result, form);
  revalidatePath("/incidents");
  redirect(`/incidents/${result.incident.id}`);
}

export async function updateIncidentAction(
  id: string,
  _state: IncidentFormState,
  form: FormData,
): Promise<IncidentFormState> {
  const user = await authorizedWriter();
  const input = incidentInputSchema.safeParse(incidentFieldsFromForm(form));
  if (!input.success) return { values: submittedFormValues(form), errors: formErrors(input.error) };
  const result = await updateIncident(id, input.data, user);
  if (!result.ok) return failedWrite(result, form);
  revalidatePath("/incidents");
  redirect(`/incidents/${id}`);
}

export async function changeStatusAction(id: string, form: FormData): Promise<void> {
  const user = await authorizedWriter();
  const parsed = statusChangeSchema.safeParse({ status: form.get("status") });
  if (!parsed.success)
    redirect(
      `/incidents/${id}?error=${encodeURIComponent(parsed.error.issues[0]?.message ?? "bad status")}`,
    );
  await changeIncidentStatus(id, parsed.data.status, user);
  revalidatePath(`/incidents/${id}`);
  redirect(`/incidents/${id}`);
}
