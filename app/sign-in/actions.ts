"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { SignInState } from "@/components/sign-in-form";
import { clientAddress } from "@/lib/auth/client-address";
import { assertSameOrigin } from "@/lib/auth/origin";
import { returnPathOrHome } from "@/lib/auth/return-path";
import { startSession } from "@/lib/auth/session";
import { checkCredentials, signInSchema } from "@/lib/auth/sign-in";
import { fieldErrors } from "@/lib/incidents/schema";

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  await assertSameOrigin();
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) return { email, fields: fieldErrors(parsed.error) };

  const outcome = await checkCredentials(parsed.data, clientAddress(await headers()));
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
}
