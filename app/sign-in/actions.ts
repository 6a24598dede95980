"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { SignInState } from "@/components/sign-in-form";
import { formActionInput, withSession } from "@/lib/auth/action";
import { returnPathOrHome } from "@/lib/auth/return-path";
import { startSession } from "@/lib/auth/session";
import { checkCredentials, signInSchema } from "@/lib/auth/sign-in";
import { fieldErrors } from "@/lib/incidents/schema";

export const signInAction = withSession(
  async (_user, _previous, form): Promise<SignInState> => {
    const email = String(form.get("email") ?? "");
    const parsed = signInSchema.safeParse({ email, password: form.get("password") ?? "" });
    if (!parsed.success) return { email, fields: fieldErrors(parsed.error) };

    const requestHeaders = await headers();
    const clientIp = requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
    const outcome = await checkCredentials(parsed.data, clientIp);
    if (!outcome.ok) {
      return {
        email,
        message:
          outcome.reason === "throttled"
            ? `Too many failed sign-ins. Try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minute(s).`
            : "Email or password is wrong.",
      };
    }
    await startSession(outcome.userId);
    redirect(returnPathOrHome(form.get("next")));
  },
  { action: "public", input: formActionInput },
);
