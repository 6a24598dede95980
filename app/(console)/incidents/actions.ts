"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { IncidentFormState } from "@/components/incident-form";
import { formActionInput, formInput, idInput, withSession } from "@/lib/auth/action";
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

const formErrors = (error: z.ZodError) => labelledErrors(fieldErrors(error), INCIDENT_FIELD_LABELS);

function failedWrite(
  result: Extract<IncidentWriteResult, { ok: false }>,
  form: FormData,
): IncidentFormState {
  const values = submittedFormValues(form);
  switch (result.reason) {
    case "duplicate_correlation_id":
      return {
        values,
        errors: {
          correlationId: `${INCIDENT_FIELD_LABELS.correlationId} is already used by another incident`,
        },
      };
    case "resolution_elsewhere":
      return {
        values,
        errors: {
          status:
            "Resolve (with the confirmed cause) or reopen (with a reason) from the incident page",
        },
      };
    case "not_found":
      return { values, message: "This incident no longer exists." };
    case "unknown_vendor_connection":
      return {
        values,
        errors: {
          vendorConnectionId: `${INCIDENT_FIELD_LABELS.vendorConnectionId} no longer exists; choose another`,
        },
      };
  }
}

const incidentPage = (id: unknown) => `/incidents/${encodeURIComponent(String(id))}`;
const withError = (id: unknown, message: string) =>
  `${incidentPage(id)}?error=${encodeURIComponent(message)}`;

export const createIncidentAction = withSession(
  async (user, _state, form): Promise<IncidentFormState> => {
    const input = incidentInputSchema.safeParse(incidentFieldsFromForm(form));
    if (!input.success)
      return { values: submittedFormValues(form), errors: formErrors(input.error) };
    const result = await createIncident(input.data, user);
    if (!result.ok) return failedWrite(result, form);
    revalidatePath("/incidents");
    redirect(`/incidents/${result.incident.id}`);
  },
  { action: "incident.write", input: formActionInput },
);

export const updateIncidentAction = withSession(
  async (user, id, _state, form): Promise<IncidentFormState> => {
    const input = incidentInputSchema.safeParse(incidentFieldsFromForm(form));
    if (!input.success)
      return { values: submittedFormValues(form), errors: formErrors(input.error) };
    const result = await updateIncident(id, input.data, user);
    if (!result.ok) return failedWrite(result, form);
    revalidatePath("/incidents");
    redirect(`/incidents/${id}`);
  },
  { action: "incident.write", input: z.tuple([idInput("id"), ...formActionInput.def.items]) },
);

export const changeStatusAction = withSession(
  async (user, id, { status }): Promise<void> => {
    const result = await changeIncidentStatus(id, status, user);
    revalidatePath(`/incidents/${id}`);
    redirect(
      result.ok || result.reason === "not_found" ? incidentPage(id) : withError(id, result.message),
    );
  },
  {
    action: "incident.write",
    input: z.tuple([
      idInput("id"),
      formInput(statusChangeSchema, (form) => ({ status: form.get("status") })),
    ]),
    refusedAt: incidentPage,
  },
);
