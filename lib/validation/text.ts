// Text fields as every form and API body takes them: trimmed, bounded, and refused with a
// message that names the field.
import { z } from "zod";

/** "is required" when the field is absent, "must be <kind>" when it has the wrong type. */
export const missingOr = (field: string, kind: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null
    ? `${field} is required`
    : `${field} must be ${kind}`;

export const requiredText = (field: string, max: number) =>
  z
    .string({ error: missingOr(field, "text") })
    .trim()
    .min(1, { error: `${field} is required` })
    .max(max, { error: `${field} must be at most ${max} characters` });

/** Absent, null and blank all become null. */
export const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` })
    .nullish()
    .transform((value) => value || null);
