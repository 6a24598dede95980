// The runbook form's text values: prefilled from an incident (new), from a version (edit), or
// echoed back from a submitted form so nothing typed is lost when validation fails.
import { RUNBOOK_DRAFT_FIELDS, type RunbookDraft } from "./schema";

export type RunbookFormValues = Record<string, string>;

export function runbookFormValues(
  draft: Partial<RunbookDraft> & { incidentId?: string | null },
): RunbookFormValues {
  const values: RunbookFormValues = {};
  for (const field of [...RUNBOOK_DRAFT_FIELDS, "incidentId"] as const) {
    const value = draft[field];
    values[field] = Array.isArray(value) ? value.join(" ") : (value ?? "");
  }
  return values;
}

export function submittedRunbookValues(form: FormData): RunbookFormValues {
  return Object.fromEntries(
    [...RUNBOOK_DRAFT_FIELDS, "incidentId"].map((field) => {
      const value = form.get(field);
      return [field, typeof value === "string" ? value : ""];
    }),
  );
}
