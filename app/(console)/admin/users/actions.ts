"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { InviteLinkState, NewUserState, UserChangeState } from "@/components/user-admin-forms";
import { formActionInput, idInput, withSession } from "@/lib/auth/action";
import { requestOrigin } from "@/lib/auth/client-address";
import { fieldErrors } from "@/lib/incidents/schema";
import { newUserFieldsFromForm, userUpdateFieldsFromForm } from "@/lib/users/form-values";
import { newUserSchema, USER_FIELD_LABELS, userUpdateSchema } from "@/lib/users/schema";
import { createUser, issueInvite, updateUser, type IssuedInvite } from "@/lib/users/store";
import { labelledErrors } from "@/lib/validation/field-labels";

const formErrors = (error: z.ZodError) => labelledErrors(fieldErrors(error), USER_FIELD_LABELS);

async function shownLink(invite: IssuedInvite) {
  const origin = requestOrigin(await headers());
  return { url: `${origin ?? ""}${invite.path}`, expiresAt: invite.expiresAt.toISOString() };
}

export const createUserAction = withSession(
  async (user, _state, form): Promise<NewUserState> => {
    const fields = newUserFieldsFromForm(form);
    const values = { name: fields.name ?? "", email: fields.email ?? "", role: fields.role ?? "" };
    const input = newUserSchema.safeParse(fields);
    if (!input.success) return { values, errors: formErrors(input.error) };
    const created = await createUser({ actor: user, input: input.data });
    if (!created.ok) {
      return created.reason === "email_taken"
        ? { values, errors: { email: `Email ${input.data.email} already belongs to a user` } }
        : { values, message: created.message };
    }
    revalidatePath("/admin/users");
    return {
      created: {
        name: created.user.name,
        invite: created.invite ? await shownLink(created.invite) : null,
      },
    };
  },
  { action: "users.manage", input: formActionInput },
);

export const updateUserAction = withSession(
  async (user, id, _state, form): Promise<UserChangeState> => {
    const input = userUpdateSchema.safeParse(userUpdateFieldsFromForm(form));
    if (!input.success) return { errors: formErrors(input.error) };
    const updated = await updateUser({ actor: user, userId: id, input: input.data });
    if (!updated.ok) return { message: updated.message };
    revalidatePath("/admin/users");
    revalidatePath(`/admin/users/${id}`);
    return { saved: true };
  },
  { action: "users.manage", input: z.tuple([idInput("id"), ...formActionInput.def.items]) },
);

export const inviteUserAction = withSession(
  async (user, id): Promise<InviteLinkState> => {
    const issued = await issueInvite({ actor: user, userId: id });
    if (!issued.ok) return { message: issued.message };
    revalidatePath(`/admin/users/${id}`);
    return { invite: await shownLink(issued.invite) };
  },
  { action: "users.manage", input: z.tuple([idInput("id"), ...formActionInput.def.items]) },
);
