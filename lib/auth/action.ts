import "server-only";
// The one guard in front of every server action, declared where the action is: session, same
// Origin, policy, then the arguments through zod. Next turns a thrown error into a 500, so every
// refusal is a value the form shows (or, for a plain form, a redirect carrying its sentence).
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { fieldErrors } from "@/lib/incidents/schema";
import { isSameOrigin } from "./origin";
import { can, type EntryAccess } from "./policy";
import type { ActionRefusal, Refusal } from "./refusal";
import { ROLE_LABELS } from "./roles";
import { currentUser, requireUser, type SessionUser } from "./session";

/**
 * "public": anyone may call it (sign-out); "signed_in": anyone signed in, on their own account
 * (their password). Either must still come from a Pitstop page.
 */
export type ActionAccess = EntryAccess;
type UserFor<A extends ActionAccess> = A extends "public" ? SessionUser | null : SessionUser;

type Arguments = z.ZodType<unknown[], unknown[]>;
type Options<A extends ActionAccess, S extends Arguments> = {
  action: A;
  /** The arguments as the client sends them, in order. */
  input: S;
};
type RedirectOptions<A extends ActionAccess, S extends Arguments> = Options<A, S> & {
  /** For a plain form action: the page that shows the refusal (as `?error=`), given the raw arguments. */
  refusedAt: (...args: unknown[]) => string;
};
type Handler<A extends ActionAccess, S extends Arguments, Result> = (
  user: UserFor<A>,
  ...args: z.output<S>
) => Promise<Result>;

export const formDataInput = z.instanceof(FormData, { error: "form must be sent as form data" });
/** The arguments of a form action under useActionState: its previous state and the form. */
export const formActionInput = z.tuple([z.unknown(), formDataInput]);
/** A record id passed as a bound argument. */
export const idInput = (name: string) =>
  z
    .string({ error: `${name} must be a string` })
    .min(1, { error: `${name} is required` })
    .max(100, { error: `${name} is too long` });

async function checked<S extends Arguments>(
  user: SessionUser | null,
  access: ActionAccess,
  args: unknown[],
  input: S,
): Promise<{ ok: true; args: z.output<S> } | { ok: false; refusal: Refusal }> {
  if (!isSameOrigin(await headers()))
    return {
      ok: false,
      refusal: { refused: "cross_site", message: "This request did not come from a Pitstop page." },
    };
  if (access !== "public" && access !== "signed_in" && !can(user, access))
    return {
      ok: false,
      refusal: {
        refused: "forbidden",
        message: `The ${user ? ROLE_LABELS[user.role] : "signed-out"} role may not do this (${access}).`,
      },
    };
  const parsed = input.safeParse(args);
  if (parsed.success) return { ok: true, args: parsed.data };
  const fields = fieldErrors(parsed.error);
  return {
    ok: false,
    refusal: { refused: "invalid", message: Object.values(fields).join("; "), fields },
  };
}

const withError = (path: string, message: string) =>
  `${path}${path.includes("?") ? "&" : "?"}error=${encodeURIComponent(message)}`;

export function withSession<const A extends ActionAccess, S extends Arguments, Result>(
  handler: Handler<A, S, Result>,
  options: RedirectOptions<A, S>,
): (...args: z.input<S>) => Promise<Result>;
export function withSession<const A extends ActionAccess, S extends Arguments, Result>(
  handler: Handler<A, S, Result>,
  options: Options<A, S>,
): (...args: z.input<S>) => Promise<Result | ActionRefusal>;
export function withSession<const A extends ActionAccess, S extends Arguments, Result>(
  handler: Handler<A, S, Result>,
  options: Options<A, S> & { refusedAt?: (...args: unknown[]) => string },
): (...args: z.input<S>) => Promise<Result | ActionRefusal> {
  return async (...args: z.input<S>) => {
    const user = options.action === "public" ? await currentUser() : await requireUser();
    const outcome = await checked(user, options.action, args, options.input);
    if (outcome.ok) return handler(user as UserFor<A>, ...outcome.args);
    if (options.refusedAt) redirect(withError(options.refusedAt(...args), outcome.refusal.message));
    return { refusal: outcome.refusal };
  };
}

/** A plain form's fields, read by `fieldsFromForm` and parsed by `schema`. */
export const formInput = <T extends z.ZodType>(
  schema: T,
  fieldsFromForm: (form: FormData) => unknown,
) => formDataInput.transform(fieldsFromForm).pipe(schema);
