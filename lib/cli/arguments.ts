// How pitstop commands read their arguments and refuse bad ones: each problem on stderr, naming
// the command and the flag, a pointer to its --help, and exit code 2.
import { parseArgs } from "node:util";
import type { z } from "zod";
import { fieldErrors } from "@/lib/incidents/schema";

/** Prints `errors` for `pitstop <command>` and answers the exit code; `help` is whose --help. */
export function refuseArguments(
  command: string,
  errors: readonly string[],
  help: string = command,
): number {
  for (const error of errors) console.error(`pitstop ${command}: ${error}`);
  console.error(`(pitstop ${help} --help lists the flags)`);
  return 2;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Flags (and one positional, when named) read by node's parseArgs and then by `schema`; each
 * problem names its flag (the positional in capitals).
 */
export function parseFlags<S extends z.ZodType>(
  args: string[],
  options: Record<string, { type: "string" | "boolean" }>,
  schema: S,
  positional?: string,
): Parsed<z.infer<S>> {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options,
      allowPositionals: positional !== undefined,
    }));
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  const flag = (field: string) => (field === positional ? field.toUpperCase() : `--${field}`);
  if (positional && positionals.length > 1)
    return { ok: false, errors: [`${flag(positional)}: give one, got ${positionals.join(" ")}`] };
  const parsed = schema.safeParse(
    positional ? { ...values, [positional]: positionals[0] } : values,
  );
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: Object.entries(fieldErrors(parsed.error)).map(
      ([field, message]) => `${flag(field)}: ${message}`,
    ),
  };
}
