// The team's changes to an incident (DESIGN.md "Team work on an incident"): one schema per body,
// shared by the incident page's forms and the API.
import { z } from "zod";
import { CAUSE_IDS, CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import type { FieldLabels } from "@/lib/validation/field-labels";
import { optionalText, requiredText } from "@/lib/validation/text";

export const NOTE_MAX_CHARS = 20_000;
/** A confirmed cause outside the ten, described in `confirmedCauseNote`. */
export const CONFIRMED_OTHER = "other";
export const CONFIRMED_CAUSES = [...CAUSE_IDS, CONFIRMED_OTHER] as const;
export type ConfirmedCause = (typeof CONFIRMED_CAUSES)[number];

export const CONFIRMED_CAUSE_LABELS: Record<ConfirmedCause, string> = {
  ...CAUSE_LABELS,
  other: "Other (describe it)",
};

export const noteSchema = z.object({
  body: requiredText("body", NOTE_MAX_CHARS, { multiline: true }),
});
export type NoteInput = z.infer<typeof noteSchema>;

export const ownerChangeSchema = z.strictObject({
  ownerId: z
    .string({ error: "ownerId must be a user id or null" })
    .trim()
    .max(100, { error: "ownerId must be at most 100 characters" })
    .nullable()
    .transform((id) => id || null),
});
export type OwnerChangeInput = z.infer<typeof ownerChangeSchema>;

export const resolutionSchema = z
  .strictObject({
    status: z.literal("resolved"),
    confirmedCause: z.enum(CONFIRMED_CAUSES, {
      error: (issue) =>
        issue.input === undefined || issue.input === null || issue.input === ""
          ? "confirmedCause is required"
          : `confirmedCause must be one of ${CONFIRMED_CAUSES.join(", ")}`,
    }),
    confirmedCauseNote: optionalText("confirmedCauseNote", 500),
    resolutionNote: requiredText("resolutionNote", 2_000, { multiline: true }),
  })
  .superRefine((input, context) => {
    if (input.confirmedCause === CONFIRMED_OTHER && !input.confirmedCauseNote)
      context.addIssue({
        code: "custom",
        path: ["confirmedCauseNote"],
        message: 'confirmedCauseNote is required when confirmedCause is "other"',
      });
  })
  // A note only says what "other" was; beside a known cause it would be a second, silent cause.
  .transform((input) => ({
    ...input,
    confirmedCauseNote: input.confirmedCause === CONFIRMED_OTHER ? input.confirmedCauseNote : null,
  }));
export type ResolutionInput = z.infer<typeof resolutionSchema>;

export const reopeningSchema = z.strictObject({
  status: z.literal("open"),
  reopenReason: requiredText("reopenReason", 2_000, { multiline: true }),
});
export type ReopeningInput = z.infer<typeof reopeningSchema>;

const statusPatchSchema = z.discriminatedUnion("status", [resolutionSchema, reopeningSchema], {
  error:
    'status must be "resolved" (with confirmedCause and resolutionNote) or "open" (with reopenReason); other statuses are set on the incident page',
});

/**
 * PATCH /api/v1/incidents/{id}: exactly one change, told apart by its fields: `status` resolves
 * or reopens, otherwise it sets the owner. Strict objects refuse a body that mixes them.
 */
export function parseIncidentPatch(body: unknown) {
  const hasStatus = typeof body === "object" && body !== null && "status" in body;
  return hasStatus ? statusPatchSchema.safeParse(body) : ownerChangeSchema.safeParse(body);
}

/** The team forms' labels, which their messages use in place of the JSON names. */
export const TEAM_FIELD_LABELS: FieldLabels = {
  body: "Note",
  ownerId: "Owner",
  confirmedCause: "Confirmed cause",
  confirmedCauseNote: "Other cause",
  resolutionNote: "Resolution note",
  reopenReason: "Why reopen",
};

export const teamFieldsFromForm = (form: FormData, names: readonly string[]) =>
  Object.fromEntries(
    names.map((name) => {
      const value = form.get(name);
      return [name, typeof value === "string" ? value : undefined];
    }),
  );
