"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { AcceptInviteState } from "@/components/accept-invite-form";
import { formActionInput, withSession } from "@/lib/auth/action";
import { startSession } from "@/lib/auth/session";
import { fieldErrors } from "@/lib/incidents/schema";
import { acceptInviteSchema, inviteTokenSchema, USER_FIELD_LABELS } from "@/lib/users/schema";
import { acceptInvite } from "@/lib/users/store";
import { labelledErrors } from "@/lib/validation/field-labels";

// Public: the invitee has no session yet; the link's secret is what admits them.
export const acceptInviteAction = withSession(
  async (_user, token, _state, form): Promise<AcceptInviteState> => {
    const input = acceptInviteSchema.safeParse({
      password: form.get("password") ?? "",
      confirmPassword: form.get("confirmPassword") ?? "",
    });
    if (!input.success) {
      return { errors: labelledErrors(fieldErrors(input.error), USER_FIELD_LABELS) };
    }
    const accepted = await acceptInvite({ token, input: input.data });
    if (!accepted.ok) return { message: accepted.message, ended: accepted.reason !== "busy" };
    await startSession(accepted.userId);
    redirect("/incidents");
  },
  {
    action: "public",
    input: z.tuple([inviteTokenSchema, ...formActionInput.def.items]),
  },
);
