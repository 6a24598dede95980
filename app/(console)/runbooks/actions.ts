"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { RunbookFormState } from "@/components/runbook-form";
import type { RunbookReviewState } from "@/components/runbook-review-form";
import { assertSameOrigin } from "@/lib/auth/origin";
import { can, type Action } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
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

// Authorised here as well as in the store: a refused role gets a plain sentence, not an error page.
async function signedInAs(
  action: Action,
): Promise<{ user: Awaited<ReturnType<typeof requireUser>>; refusal: string | null }> {
  const user = await requireUser();
  await assertSameOrigin();
  return {
    user,
    refusal: can(user, action)
      ? null
      : `The ${ROLE_LABELS[user.role]} role may not do this (${action}).`,
  };
}

export async function createRunbookAction(
  _state: RunbookFormState,
  form: FormData,
): Promise<RunbookFormState> {
  const values = submittedRunbookValues(form);
  const { user, refusal } = await signedInAs("runbook.draft");
  if (refusal) return { values, message: refusal };
  const input = newRunbookEntrySchema.safeParse(runbookFieldsFromForm(form));
  if (!input.success) return { values, errors: formErrors(input.error) };
  const result = await createRunbookEntry(input.data, user);
  if (!result.ok) return { values, message: result.message };
  revalidatePath("/runbooks");
  redirect(`/runbooks/${result.entry.id}`);
}

export async function reviseRunbookAction(
  id: string,
  basedOn: number,
  _state: RunbookFormState,
  form: FormData,
): Promise<RunbookFormState> {
  const values = submittedRunbookValues(form);
  const { user, refusal } = await signedInAs("runbook.draft");
  if (refusal) return { values, message: refusal };
  const input = runbookDraftSchema.safeParse(runbookFieldsFromForm(form));
  if (!input.success) return { values, errors: formErrors(input.error) };
  const result = await reviseRunbookEntry(id, input.data, basedOn, user);
  if (!result.ok) return { values, message: result.message };
  revalidatePath("/runbooks");
  redirect(`/runbooks/${id}`);
}

export async function submitRunbookAction(id: string, seenVersion: number): Promise<void> {
  const { user, refusal } = await signedInAs("runbook.draft");
  const result = refusal
    ? { ok: false as const, message: refusal }
    : await submitRunbookEntry(id, user, seenVersion);
  revalidatePath(`/runbooks/${id}`);
  redirect(
    result.ok ? `/runbooks/${id}` : `/runbooks/${id}?error=${encodeURIComponent(result.message)}`,
  );
}

export async function reviewRunbookAction(
  id: string,
  seenVersion: number,
  _state: RunbookReviewState,
  form: FormData,
): Promise<RunbookReviewState> {
  const comment = typeof form.get("comment") === "string" ? String(form.get("comment")) : "";
  const { user, refusal } = await signedInAs("runbook.review");
  if (refusal) return { comment, message: refusal };
  const input = reviewSchema.safeParse(runbookFieldsFromForm(form));
  if (!input.success) return { comment, errors: formErrors(input.error) };
  const result = await reviewRunbookEntry(id, input.data, user, seenVersion);
  if (!result.ok) return { comment, message: result.message };
  revalidatePath("/runbooks");
  redirect(`/runbooks/${id}`);
}
