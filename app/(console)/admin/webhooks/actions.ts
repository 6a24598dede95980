"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { WebhookFormState } from "@/components/webhook-form";
import { formActionInput, formDataInput, idInput, withSession } from "@/lib/auth/action";
import { fieldErrors } from "@/lib/incidents/schema";
import { labelledErrors, labelledMessage } from "@/lib/validation/field-labels";
import {
  WEBHOOK_FIELD_LABELS,
  webhookFieldsFromForm,
  webhookInputSchema,
} from "@/lib/webhooks/schema";
import { createWebhook, disableWebhook } from "@/lib/webhooks/store";

const WEBHOOKS_PAGE = "/admin/webhooks";

const submittedValues = (form: FormData) => ({
  url: String(form.get("url") ?? ""),
  events: form.getAll("events").map(String),
});

export const createWebhookAction = withSession(
  async (user, _state, form): Promise<WebhookFormState> => {
    const input = webhookInputSchema.safeParse(webhookFieldsFromForm(form));
    if (!input.success)
      return {
        values: submittedValues(form),
        errors: labelledErrors(fieldErrors(input.error), WEBHOOK_FIELD_LABELS),
      };
    const result = await createWebhook(input.data, user);
    if (!result.ok)
      return {
        values: submittedValues(form),
        errors: { url: labelledMessage(result.fields.url, WEBHOOK_FIELD_LABELS) },
      };
    revalidatePath(WEBHOOKS_PAGE);
    return {
      values: { url: "", events: [] },
      created: { id: result.webhook.id, url: result.webhook.url, secret: result.secret },
    };
  },
  { action: "webhooks.manage", input: formActionInput },
);

export const disableWebhookAction = withSession(
  async (user, id): Promise<void> => {
    const result = await disableWebhook(id, user);
    if (!result.ok && result.reason === "not_found")
      redirect(`${WEBHOOKS_PAGE}?error=${encodeURIComponent("This webhook no longer exists.")}`);
    if (!result.ok)
      redirect(
        `${WEBHOOKS_PAGE}?error=${encodeURIComponent(`This webhook was already disabled at ${result.disabledAt.toISOString()}.`)}`,
      );
    revalidatePath(WEBHOOKS_PAGE);
    redirect(WEBHOOKS_PAGE);
  },
  {
    action: "webhooks.manage",
    input: z.tuple([idInput("id"), formDataInput]),
    refusedAt: () => WEBHOOKS_PAGE,
  },
);
