"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { RunbookFormState } from "@/components/runbook-form";
import type { RunbookReviewState } from "@/components/runbook-review-form";
import { formActionInput, formDataInput, idInput, withSession } from "@/lib/auth/action";
import { fieldErrors } from "@/lib/incidents/schema";
import { submittedRunbookValues } from "@/lib/runbooks/form-values";
import {
  newRunbookEntrySchema,
  RUNBOOK_FIELD_LABELS,
  reviewSchema,
  runbookDraftSchema,
  runbookFieldsFromForm,
} from "@/lib/runbooks/schema";
import {
  createRunbookEntry,
  reviewRunbookEntry,
  reviseRunbookEntry,
  submitRunbookEntry,
} from "@/lib/runbooks/store";
import { labelledErrors } from "@/lib/validation/field-labels";

const formErrors = (error: z.ZodError) => labelledErrors(fieldErrors(error), RUNBOOK_FIELD_LABELS);

const version = z.int({ error: "version must be a whole number" }).min(1);
const runbookPage = (id: unknown) => `/runbooks/${encodeURIComponent(String(id))}`;

export const createRunbookAction = withSession(
  async (user, _state, form): Promise<RunbookFormState> => {
    const values = submittedRunbookValues(form);
    const input = newRunbookEntrySchema.safeParse(runbookFieldsFromForm(form));
    if (!input.success) return { values, errors: formErrors(input.error) };
    const result = await createRunbookEntry(input.data, user);
    if (!result.ok) return { values, message: result.message };
    revalidatePath("/runbooks");
    redirect(`/runbooks/${result.entry.id}`);
  },
  { action: "runbook.draft", input: formActionInput },
);

export const reviseRunbookAction = withSession(
  async (user, id, basedOn, _state, form): Promise<RunbookFormState> => {
    const values = submittedRunbookValues(form);
    const input = runbookDraftSchema.safeParse(runbookFieldsFromForm(form));
    if (!input.success) return { values, errors: formErrors(input.error) };
    const result = await reviseRunbookEntry(id, input.data, basedOn, user);
    if (!result.ok) return { values, message: result.message };
    revalidatePath("/runbooks");
    redirect(`/runbooks/${id}`);
  },
  {
    action: "runbook.draft",
    input: z.tuple([idInput("id"), version, ...formActionInput.def.items]),
  },
);

export const submitRunbookAction = withSession(
  async (user, id, seenVersion): Promise<void> => {
    const result = await submitRunbookEntry(id, user, seenVersion);
    revalidatePath(`/runbooks/${id}`);
    redirect(
      result.ok ? `/runbooks/${id}` : `/runbooks/${id}?error=${encodeURIComponent(result.message)}`,
    );
  },
  {
    action: "runbook.draft",
    input: z.tuple([idInput("id"), version, formDataInput]),
    refusedAt: runbookPage,
  },
);

export const reviewRunbookAction = withSession(
  async (user, id, seenVersion, _state, form): Promise<RunbookReviewState> => {
    const comment = typeof form.get("comment") === "string" ? String(form.get("comment")) : "";
    const input = reviewSchema.safeParse(runbookFieldsFromForm(form));
    if (!input.success) return { comment, errors: formErrors(input.error) };
    const result = await reviewRunbookEntry(id, input.data, user, seenVersion);
    if (!result.ok) return { comment, message: result.message };
    revalidatePath("/runbooks");
    redirect(`/runbooks/${id}`);
  },
  {
    action: "runbook.review",
    input: z.tuple([idInput("id"), version, ...formActionInput.def.items]),
  },
);
