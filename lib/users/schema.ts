// One schema per boundary for users as the admin manages them, shared by the Users screen's
// forms, /api/v1/users and the invite page.
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { roleSchema } from "@/lib/auth/roles";
import { requiredText } from "@/lib/validation/text";

export const USER_STATUSES = ["active", "invited", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** How long an invite link works. */
export const INVITE_LIFETIME_HOURS = 72;

export const newPassword = (field: string) =>
  z
    .string({ error: `${field} must be text` })
    .min(MIN_PASSWORD_LENGTH, {
      error: `${field} must be at least ${MIN_PASSWORD_LENGTH} characters`,
    })
    .max(256, { error: `${field} must be at most 256 characters` });

const email = z
  .string({ error: "email is required" })
  .trim()
  .toLowerCase()
  .max(254, { error: "email must be at most 254 characters" })
  .pipe(z.email({ error: "email must be an email address" }));

/** A new user: with a password set directly, or (without one) invited with a one-time link. */
export const newUserSchema = z.object({
  name: requiredText("name", 100),
  email,
  role: roleSchema,
  password: newPassword("password").optional(),
});
export type NewUser = z.infer<typeof newUserSchema>;

/** What an admin changes on a user: any of role, disabled and password, at least one. */
export const userUpdateSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean({ error: "disabled must be true or false" }).optional(),
    password: newPassword("password").optional(),
  })
  .strict()
  .refine(
    (input) =>
      input.role !== undefined || input.disabled !== undefined || input.password !== undefined,
    { error: "body must set at least one of role, disabled, password", path: ["body"] },
  );
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** The invitee's choice of password on the invite page. */
export const acceptInviteSchema = z
  .object({
    password: newPassword("password"),
    confirmPassword: z.string({ error: "confirmPassword is required" }).max(256),
  })
  .refine((input) => input.confirmPassword === input.password, {
    path: ["confirmPassword"],
    error: "confirmPassword must match password",
  });
export type AcceptInvite = z.infer<typeof acceptInviteSchema>;

/** An invite link's secret as it appears in /invite/<token>. */
export const inviteTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, { error: "token is not an invite link's" });

export const USER_FIELD_LABELS = {
  name: "Name",
  email: "Email",
  role: "Role",
  password: "Password",
  confirmPassword: "Confirm password",
  disabled: "Disabled",
} as const;
