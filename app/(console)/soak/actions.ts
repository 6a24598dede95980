"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { SoakFormState } from "@/components/soak-form";
import { z } from "zod";
import { formActionInput, formDataInput, idInput, withSession } from "@/lib/auth/action";
import {
  soakFormErrors,
  soakPlanInputFromForm,
  submittedSoakFormValues,
} from "@/lib/load/form-values";
import { soakPlanSchema, targetNeedsCredentials, type SoakPlan } from "@/lib/load/plan";
import { cancelSoakRun, startSoakRun } from "@/lib/load/service";
import { mintRequestSchema, mintSimulatorToken } from "@/lib/load/simulator-token";

/** With no bearer token typed but a tenant and account named, asks the simulator for one. */
async function mintedToken(
  form: FormData,
): Promise<{ bearerToken?: string; errors?: Record<string, string> }> {
  const typed = form.get("bearerToken");
  const mintAccount = form.get("mintAccount");
  if (
    (typeof typed === "string" && typed.trim()) ||
    typeof mintAccount !== "string" ||
    !mintAccount.trim()
  )
    return {};
  const request = mintRequestSchema.safeParse({
    tenant: form.get("mintTenant"),
    account: mintAccount,
  });
  if (!request.success)
    return { errors: { mintTenant: request.error.issues[0]?.message ?? "name the tenant" } };
  const environment = form.get("environment") === "prod" ? "prod" : "sandbox";
  const minted = await mintSimulatorToken(environment, request.data);
  return minted.ok ? { bearerToken: minted.token } : { errors: { mintAccount: minted.problem } };
}

const givesNoCredentials = (plan: SoakPlan, form: FormData) =>
  !plan.credentials.apiKey &&
  !plan.credentials.bearerToken &&
  !String(form.get("mintAccount") ?? "").trim();

export const createSoakRunAction = withSession(
  async (user, _state, form): Promise<SoakFormState> => {
    const values = submittedSoakFormValues(form);
    const plan = soakPlanSchema.safeParse(soakPlanInputFromForm(form));
    if (!plan.success) return { values, errors: soakFormErrors(plan.error) };
    if (
      targetNeedsCredentials(plan.data.targetUrl) &&
      givesNoCredentials(plan.data, form) &&
      form.get("confirmNoCredentials") !== "on"
    )
      return {
        values,
        credentialsWarning: `${new URL(plan.data.targetUrl).pathname} needs an API key and a bearer token (or an account to mint one for): without them every request will be refused with 401, and the run will measure nothing but the refusals.`,
      };
    const minted = await mintedToken(form);
    if (minted.errors) return { values, errors: minted.errors };
    const started = await startSoakRun(
      user,
      minted.bearerToken
        ? {
            ...plan.data,
            credentials: { ...plan.data.credentials, bearerToken: minted.bearerToken },
          }
        : plan.data,
    );
    if (!started.ok)
      return {
        values,
        message: `${started.message} The form keeps your plan; re-enter the API key and token, which are never sent back.`,
      };
    revalidatePath("/soak");
    redirect(`/soak/${started.run.id}`);
  },
  { action: "soak.run", input: formActionInput },
);

export const cancelSoakRunAction = withSession(
  async (user, id): Promise<void> => {
    const result = await cancelSoakRun(id, user);
    revalidatePath(`/soak/${id}`);
    if (!result.ok && result.reason === "finished")
      redirect(
        `/soak/${id}?error=${encodeURIComponent(`The run had already ended (${result.status}).`)}`,
      );
    redirect(`/soak/${id}`);
  },
  {
    action: "soak.run",
    // The button's form is sent too; it carries nothing the action reads.
    input: z.tuple([idInput("id"), formDataInput]),
    refusedAt: (id) => `/soak/${encodeURIComponent(String(id))}`,
  },
);
