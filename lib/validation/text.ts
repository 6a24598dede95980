// Text fields as every form, API body and CLI line takes them: well-formed Unicode without
// control characters, trimmed, bounded, and refused with a message that names the field.
import { z } from "zod";

/** "is required" when the field is absent, "must be <kind>" when it has the wrong type. */
const missingOr = (field: string, kind: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null
    ? `${field} is required`
    : `${field} must be ${kind}`;

// NUL, ESC, DEL and the C1 controls have no place in stored text. A multi-line field keeps its
// line breaks (a browser sends a textarea's as CRLF; stored as LF) and tabs, nothing else.
const CONTROL = /\p{Cc}/u;
const CONTROL_OTHER_THAN_LINES = /(?![\n\t])\p{Cc}/u;
// A lone UTF-16 surrogate is valid JSON ("\ud800") but not text: the database refuses it. In a
// /u pattern a proper pair is one code point; only a lone half is category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

type TextRules = {
  max: number;
  multiline?: boolean;
  /** Keep leading and trailing whitespace (an error string is kept as typed). */
  verbatim?: boolean;
};

/** The one text schema every entity's schema builds on. */
export function text(field: string, { max, multiline = false, verbatim = false }: TextRules) {
  let schema = z.string({ error: missingOr(field, "text") });
  if (multiline) schema = schema.overwrite((value) => value.replace(/\r\n?/g, "\n"));
  if (!verbatim) schema = schema.trim();
  return schema
    .max(max, { error: `${field} must be at most ${max} characters` })
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: `${field} contains malformed Unicode (a lone UTF-16 surrogate)`,
    })
    .refine((value) => !(multiline ? CONTROL_OTHER_THAN_LINES : CONTROL).test(value), {
      error: multiline
        ? `${field} must not contain control characters other than line breaks and tabs`
        : `${field} must be one line without control characters`,
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
