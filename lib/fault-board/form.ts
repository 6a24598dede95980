// The fault board's form, derived from the simulator's own schemas through zod's JSON Schema
// conversion: one field per property, with its choices, bounds and default. A kind the simulator
// gains, or a bound it changes, shows up in the form without an edit here.
import { z } from "zod";
import { fieldErrors } from "@/lib/incidents/schema";
import { FAULT_PARAMS, faultInputSchema } from "@/lib/simulator/faults";
import { FAULT_KINDS, type FaultKind } from "./schema";

type Common = { name: string; label: string; required: boolean };
export type FaultField =
  | (Common & { type: "choice"; options: string[]; numeric: boolean; defaultValue?: string })
  | (Common & {
      type: "number";
      integer: boolean;
      min?: number;
      max?: number;
      defaultValue?: string;
    })
  | (Common & { type: "text"; maxLength?: number; pattern?: string; defaultValue?: string });

export type FaultForm = {
  /** Environment, target, duration and note: the same for every kind. */
  common: FaultField[];
  kinds: { kind: FaultKind; fields: FaultField[] }[];
};

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
};

const ACRONYMS = new Set(["vin", "api", "p99"]);

/** "holdMs" → "Hold (ms)", "target.vin" → "VIN", "sunsetApiVersion" → "Sunset API version". */
export function fieldLabel(name: string): string {
  if (name === "params") return "Parameters";
  const last = name.split(".").at(-1) ?? name;
  const unit = /[a-z0-9](Ms|S)$/.exec(last)?.[1];
  const stem = unit ? last.slice(0, -unit.length) : last;
  const words = stem
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(" ")
    .map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word));
  const text = words.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${unit ? ` (${unit.toLowerCase()})` : ""}`;
}

const asDefault = (value: unknown) => (value === undefined ? undefined : String(value));

function fieldOf(name: string, schema: JsonSchema, required: boolean): FaultField {
  const common = {
    name,
    label: fieldLabel(name),
    required,
    defaultValue: asDefault(schema.default),
  };
  if (schema.enum)
    return { ...common, type: "choice", options: schema.enum.map(String), numeric: false };
  if (schema.anyOf?.every((option) => option.const !== undefined))
    return {
      ...common,
      type: "choice",
      options: schema.anyOf.map((option) => String(option.const)),
      numeric: schema.anyOf.every((option) => typeof option.const === "number"),
    };
  if (schema.type === "number" || schema.type === "integer")
    return {
      ...common,
      type: "number",
      integer: schema.type === "integer",
      // zod states an unbounded integer's range as the safe integers: no bound worth showing.
      min: Math.abs(schema.minimum ?? 0) < Number.MAX_SAFE_INTEGER ? schema.minimum : undefined,
      max: Math.abs(schema.maximum ?? 0) < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined,
    };
  return { ...common, type: "text", maxLength: schema.maxLength, pattern: schema.pattern };
}

/** Every leaf property of an object schema as a field named by its path ("target.vin"). */
function fieldsOf(schema: JsonSchema, prefix = ""): FaultField[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) =>
    property.type === "object"
      ? fieldsOf(property, `${prefix}${key}.`)
      : [fieldOf(`${prefix}${key}`, property, schema.required?.includes(key) ?? false)],
  );
}

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;

export function faultForm(): FaultForm {
  return {
    common: fieldsOf(
      jsonSchema(faultInputSchema.in.omit({ kind: true, params: true, startsAt: true })),
    ),
    kinds: FAULT_KINDS.map((kind) => ({
      kind,
      fields: fieldsOf(jsonSchema(FAULT_PARAMS[kind]), "params."),
    })),
  };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  target[head] ??= {};
  setPath(target[head] as Record<string, unknown>, rest, value);
}

const typedValue = (field: FaultField, raw: string): unknown => {
  const numeric = field.type === "number" || (field.type === "choice" && field.numeric);
  // Not a number stays text, so the schema names the field rather than seeing a NaN.
  return numeric && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
};

/**
 * The form's fields as the fault input the schema parses: empty fields left out (so the
 * schema's defaults apply), numbers as numbers, dotted names as nested objects.
 */
export function faultInputFromForm(form: FormData, spec: FaultForm = faultForm()): unknown {
  const kind = form.get("kind");
  const input: Record<string, unknown> = { kind, params: {} };
  const fields = [
    ...spec.common,
    ...(spec.kinds.find((candidate) => candidate.kind === kind)?.fields ?? []),
  ];
  for (const field of fields) {
    const raw = form.get(field.name);
    if (typeof raw !== "string" || raw.trim() === "") continue;
    setPath(input, field.name.split("."), typedValue(field, raw.trim()));
  }
  return input;
}

/** What the form sent, as strings, to show it again after a refusal. */
export function submittedFaultValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries())
    if (typeof value === "string" && !name.startsWith("$")) values[name] = value;
  return values;
}

/** Each field's first error, keyed by its field name, worded with the field's label when it does not name it. */
export function faultFormErrors(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors(error)).map(([field, message]) => {
      const last = field.split(".").at(-1) ?? field;
      return [
        field,
        message.toLowerCase().startsWith(last.toLowerCase())
          ? message
          : `${fieldLabel(field)}: ${message}`,
      ];
    }),
  );
}
