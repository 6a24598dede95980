// One input line of `pitstop classify` (DESIGN.md, a contract): an error string and optional
// context. Unknown fields are dropped, a null counts as absent, and every failure names its field.
import { z } from "zod";
import type { ClassifyErrorInput } from "./classifier";

const optionalText = (field: string) =>
  z
    .string({ error: `context.${field} must be a string` })
    .nullish()
    .transform((value) => value ?? undefined);

const HTTP_STATUS_RANGE = "context.httpStatus must be a whole number from 100 to 599";

export const classifyContextSchema = z.object(
  {
    httpStatus: z
      .number({ error: HTTP_STATUS_RANGE })
      .int({ error: HTTP_STATUS_RANGE })
      .min(100, { error: HTTP_STATUS_RANGE })
      .max(599, { error: HTTP_STATUS_RANGE })
      .nullish()
      .transform((value) => value ?? undefined),
    sdkVersion: optionalText("sdkVersion"),
    apiVersion: optionalText("apiVersion"),
    appVersion: optionalText("appVersion"),
    region: optionalText("region"),
    notes: optionalText("notes"),
  },
  { error: "context must be an object" },
);

// A report with no text but a status (or notes) still has evidence to classify; one with
// nothing at all is a mistake worth naming.
export const classifyInputSchema = z
  .object(
    {
      errorString: z.string({
        error: (issue) =>
          issue.input === undefined || issue.input === null
            ? "errorString is required"
            : "errorString must be a string",
      }),
      context: classifyContextSchema.nullish().transform((context) => context ?? undefined),
    },
    { error: 'line must be a JSON object such as {"errorString": "..."}' },
  )
  .refine(
    ({ errorString, context }) =>
      errorString.trim() !== "" ||
      context?.httpStatus !== undefined ||
      (context?.notes ?? "").trim() !== "",
    { error: "errorString must not be empty", path: ["errorString"] },
  );

export type ClassifyLineResult =
  { ok: true; input: ClassifyErrorInput } | { ok: false; error: string };

/** Parses one JSON Lines input line; a failure says what is wrong, naming the field. */
export function parseClassifyLine(line: string): ClassifyLineResult {
  // A byte-order mark that some editors put at the start of a file is not part of the JSON.
  const text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (text.trim() === "") return { ok: false, error: "empty line" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `line is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = classifyInputSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      error: [...new Set(parsed.error.issues.map((issue) => issue.message))].join("; "),
    };
  return { ok: true, input: parsed.data };
}
