"use server";
import { headers } from "next/headers";
import type { ChangePasswordState } from "@/components/change-password-form";
import { formActionInput, withSession } from "@/lib/auth/action";
import { changePassword, changePasswordSchema } from "@/lib/auth/change-password";
import { clientAddress } from "@/lib/auth/client-address";
import { renewSession } from "@/lib/auth/session";
import { fieldErrors } from "@/lib/incidents/schema";

const REFUSALS = {
  invalid: "The current password is wrong.",
  conflict: "The password was changed elsewhere meanwhile. Sign in again with the new one.",
} as const;

// Any signed-in user, on their own account only: the account is the session's, never an input.
export const changePasswordAction = withSession(
  async (user, _previous, form): Promise<ChangePasswordState> => {
    const parsed = changePasswordSchema.safeParse({
      currentPassword: form.get("currentPassword") ?? "",
      newPassword: form.get("newPassword") ?? "",
      confirmPassword: form.get("confirmPassword") ?? "",
    });
    if (!parsed.success) return { fields: fieldErrors(parsed.error) };

    const outcome = await changePassword({
      actor: user,
      input: parsed.data,
      clientIp: clientAddress(await headers()),
    });
    if (!outcome.ok) {
      return {
        message:
          "retryAfterSeconds" in outcome
            ? `Too many attempts just now. Try again in ${outcome.retryAfterSeconds} second(s).`
            : REFUSALS[outcome.reason],
      };
    }
    await renewSession(user);
    return { changed: true };
  },
  { action: "signed_in", input: formActionInput },
);
