"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { NewTokenState } from "@/components/api-token-form";
import { formActionInput, formDataInput, idInput, withSession } from "@/lib/auth/action";
import { apiTokenFieldsFromForm } from "@/lib/auth/api-token-form";
import { apiTokenInputSchema, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { fieldErrors } from "@/lib/incidents/schema";
import { labelledErrors } from "@/lib/validation/field-labels";

const LABELS = { name: "Name", role: "Role", expiresInDays: "Expires in" };

export const createTokenAction = withSession(
  async (user, _state, form): Promise<NewTokenState> => {
    const input = apiTokenInputSchema.safeParse(apiTokenFieldsFromForm(form));
    if (!input.success) return { errors: labelledErrors(fieldErrors(input.error), LABELS) };
    const created = await createApiToken(input.data, user);
    revalidatePath("/admin/tokens");
    return { created: { name: created.name, token: created.token } };
  },
  { action: "tokens.manage", input: formActionInput },
);

export const revokeTokenAction = withSession(
  async (user, id): Promise<void> => {
    const revoked = await revokeApiToken({ actor: user, tokenId: id });
    revalidatePath("/admin/tokens");
    redirect(
      revoked.ok ? "/admin/tokens" : `/admin/tokens?error=${encodeURIComponent(revoked.message)}`,
    );
  },
  {
    action: "tokens.manage",
    input: z.tuple([idInput("id"), formDataInput]),
    refusedAt: () => "/admin/tokens",
  },
);
