// Text fields as every form, API body and CLI line takes them: well-formed Unicode, trimmed,
// bounded, and refused with a message that names the field.
import { z } from "zod";

/** "is required" when the field is absent, "must be <kind>" when it has the wrong type. */
export const missingOr = (field: string, kind: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null
    ? `${field} is required`
    : `${field} must be ${kind}`;

// A lone UTF-16 surrogate is valid JSON ("\ud800") but not text: the database refuses it and
// an export would carry it broken. In a /u pattern a proper pair is one code point; only a
// lone half is category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

type TextRules = {
  max: number;
  /** Keep leading and trailing whitespace (an error string is kept as typed). */
  verbatim?: boolean;
};

/** The one text schema every entity's schema builds on. */
export function text(field: string, { max, verbatim = false }: TextRules) {
  let schema = z.string({ error: missingOr(field, "text") });
  if (!verbatim) schema = schema.trim();
  return schema
    .max(max, { error: `${field} must be at most ${max} characters` })
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: `${field} contains malformed Unicode (a lone UTF-16 surrogate)`,
    });
}

type FieldRules = Omit<TextRules, "max">;

export const requiredText = (field: string, max: number, rules: FieldRules = {}) =>
  text(field, { max, ...rules }).refine((value) => value.trim().length > 0, {
    error: `${field} is required`,
  });

/** Absent, null and blank all become null. */
export const optionalText = (field: string, max: number, rules: FieldRules = {}) =>
  text(field, { max, ...rules })
    .nullish()
    .transform((value) => value || null);
