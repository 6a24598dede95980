// What a runbook entry is at every boundary that writes or queries one: the draft form, the
// review form, the list's URL and the API.
import { z } from "zod";
import { CAUSE_IDS } from "@/lib/diagnosis/taxonomy";
import { scopeSetSchema } from "@/lib/incidents/schema";
import type { FieldLabels } from "@/lib/validation/field-labels";
import { optionalText, requiredText, text } from "@/lib/validation/text";

export const RUNBOOK_STATUSES = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "rejected",
] as const;
export type RunbookStatus = (typeof RUNBOOK_STATUSES)[number];
export const RUNBOOK_STATUS_LABELS: Record<RunbookStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  rejected: "Rejected",
};

export const REVIEW_DECISIONS = ["approve", "reject", "request_changes"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  approve: "Approved",
  reject: "Rejected",
  request_changes: "Asked for changes",
};

export const causeIdSchema = z.enum(CAUSE_IDS, {
  error: "causeId must be one of the ten cause ids",
});

/** One version's content: everything the next on-caller needs to reproduce and fix the failure. */
export const runbookDraftSchema = z.object({
  title: requiredText("title", 200),
  causeId: causeIdSchema,
  // Verbatim: not trimmed, the signature is computed from it as typed.
  errorString: requiredText("errorString", 20_000, { multiline: true, verbatim: true }),
  fixApplied: requiredText("fixApplied", 20_000, { multiline: true }),
  sdkVersion: optionalText("sdkVersion", 50),
  apiVersion: optionalText("apiVersion", 50),
  scopes: scopeSetSchema.default([]),
  correlationId: optionalText("correlationId", 128),
  vendorIncidentId: optionalText("vendorIncidentId", 100),
  supportCaseNumber: optionalText("supportCaseNumber", 100),
  greenDependencyPin: optionalText("greenDependencyPin", 200),
});
export type RunbookDraft = z.infer<typeof runbookDraftSchema>;
export const RUNBOOK_DRAFT_FIELDS = Object.keys(runbookDraftSchema.shape) as Array<
  keyof RunbookDraft
>;

/** A new entry: a draft, optionally drafted from an incident. */
export const newRunbookEntrySchema = runbookDraftSchema.extend({
  incidentId: optionalText("incidentId", 100),
});
export type NewRunbookEntry = z.infer<typeof newRunbookEntrySchema>;

export const reviewSchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS, {
      error: "decision must be approve, reject or request_changes",
    }),
    comment: optionalText("comment", 5_000, { multiline: true }),
  })
  .refine((review) => review.decision === "approve" || review.comment, {
    error: "comment is required when rejecting or asking for changes",
    path: ["comment"],
  });
export type ReviewInput = z.infer<typeof reviewSchema>;

/** The entry and review forms' labels, which their messages use in place of the JSON names. */
export const RUNBOOK_FIELD_LABELS: FieldLabels = {
  title: "Title",
  causeId: "Cause",
  correlationId: "Failing correlation id",
  errorString: "Error string",
  fixApplied: "Fix applied",
  sdkVersion: "SDK version",
  apiVersion: "API version header",
  scopes: "OAuth scopes",
  greenDependencyPin: "Green dependency pin",
  vendorIncidentId: "Vendor incident id",
  supportCaseNumber: "Support case number",
  comment: "Review comment",
  decision: "Decision",
};

/** The runbook list's URL: search text, exact signature and status. */
export const runbookListQuerySchema = z.object({
  q: text("q", { max: 200 }).optional(),
  signature: text("signature", { max: 400, verbatim: true }).optional(),
  status: z
    .enum(RUNBOOK_STATUSES, { error: `status must be one of ${RUNBOOK_STATUSES.join(", ")}` })
    .optional(),
});
export type RunbookListQuery = z.infer<typeof runbookListQuerySchema>;

/** `?version=N` on the entry page and the markdown export. */
export const versionParamSchema = z.coerce
  .number({ error: "version must be a number" })
  .int({ error: "version must be a whole number" })
  .min(1, { error: "version must be 1 or more" })
  .max(100_000, { error: "version is too large" });

/** An HTML form's fields in the shape the schema takes: blanks absent, scopes space- or comma-separated. */
export function runbookFieldsFromForm(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of [...RUNBOOK_DRAFT_FIELDS, "incidentId", "decision", "comment"]) {
    const value = form.get(field);
    if (typeof value === "string" && value.trim() !== "") fields[field] = value;
  }
  if (typeof fields.scopes === "string")
    fields.scopes = fields.scopes.split(/[\s,]+/).filter(Boolean);
  return fields;
}
