// What an incident is, at every boundary that creates or changes one (API JSON, forms, seed).
import { z } from "zod";
import type { FieldLabels } from "@/lib/validation/field-labels";
import { occurredAtSchema } from "@/lib/validation/dates";
import { optionalText, requiredText } from "@/lib/validation/text";
import { ENVIRONMENTS, INCIDENT_STATUSES, SEVERITIES } from "./constants";

export { ENVIRONMENTS, INCIDENT_STATUSES, SEVERITIES } from "./constants";

export const environmentSchema = z.enum(ENVIRONMENTS, {
  error: "environment must be sandbox or prod",
});
export const severitySchema = z.enum(SEVERITIES, {
  error: "severity must be one of sev1, sev2, sev3, sev4",
});
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES, {
  error: "status must be one of open, triaging, mitigated, resolved",
});
export type Environment = z.infer<typeof environmentSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

// ISO 3779: 17 characters, digits and capital letters except I, O and Q (too like 1 and 0).
export const vinSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NPR-Z0-9]{17}$/, {
    error: "vin must be 17 letters and digits, without I, O or Q",
  });

export const scopeSchema = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/, {
  error: "each scope must be a token without spaces, quotes or backslashes (RFC 6749 §3.3)",
});

/** An OAuth scope set: unique, sorted, so two incidents with the same grant compare equal. */
export const scopeSetSchema = z
  .array(scopeSchema, { error: "scopes must be an array of strings" })
  .max(100, { error: "scopes must hold at most 100 entries" })
  .transform((scopes) => [...new Set(scopes)].sort());

export const incidentInputSchema = z.object({
  correlationId: requiredText("correlationId", 128).regex(/^[\w.:@/+-]+$/, {
    error: "correlationId may hold letters, digits and . _ : @ / + - only",
  }),
  title: requiredText("title", 200),
  environment: environmentSchema,
  tenant: requiredText("tenant", 100),
  vin: vinSchema.nullish().transform((vin) => vin ?? null),
  accountRef: optionalText("accountRef", 100),
  sdkName: optionalText("sdkName", 100),
  sdkVersion: optionalText("sdkVersion", 50),
  apiVersion: optionalText("apiVersion", 50),
  appVersion: optionalText("appVersion", 50),
  scopes: scopeSetSchema.default([]),
  errorString: requiredText("errorString", 20_000, { multiline: true, verbatim: true }),
  httpStatus: z
    .number({ error: "httpStatus must be a number" })
    .int({ error: "httpStatus must be a whole number" })
    .min(100, { error: "httpStatus must be between 100 and 599" })
    .max(599, { error: "httpStatus must be between 100 and 599" })
    .nullish()
    .transform((status) => status ?? null),
  // An alert pipeline rarely knows when the failure happened: then it is when we heard of it.
  occurredAt: occurredAtSchema("occurredAt")
    .default(() => new Date())
    .meta({
      description:
        "When the failure happened; may not be in the future. Left out, it defaults to the time the request was received.",
    }),
  severity: severitySchema.default("sev3"),
  status: incidentStatusSchema.default("open"),
  vendorConnectionId: z
    .string({ error: "vendorConnectionId must be a vendor connection's id" })
    .trim()
    .max(100, { error: "vendorConnectionId must be at most 100 characters" })
    .nullish()
    // Absent leaves an edit's connection as it was; null or blank is the default connection.
    .transform((id) => (id === undefined ? undefined : id || null))
    .optional()
    .meta({
      description:
        "The vendor connection the checks use (GET /api/v1/vendor-connections); absent or null: the default connection.",
    }),
});
export type IncidentInput = z.infer<typeof incidentInputSchema>;

/** The incident form's labels, which its messages use in place of the JSON names. */
export const INCIDENT_FIELD_LABELS: FieldLabels = {
  correlationId: "Correlation id",
  title: "Title",
  environment: "Environment",
  tenant: "Tenant",
  vin: "VIN",
  accountRef: "Account ref",
  sdkName: "SDK name",
  sdkVersion: "SDK version",
  apiVersion: "API version",
  appVersion: "App version",
  scopes: "OAuth scopes",
  errorString: "Error string",
  httpStatus: "HTTP status",
  occurredAt: "Occurred at (UTC)",
  severity: "Severity",
  status: "Status",
  vendorConnectionId: "Vendor connection",
};

/** What the status select sets; resolving and reopening ask for more (lib/incidents/team-schema). */
export const WORKING_STATUSES = ["open", "triaging", "mitigated"] as const;
export type WorkingStatus = (typeof WORKING_STATUSES)[number];
export const statusChangeSchema = z.object({
  status: z.enum(WORKING_STATUSES, {
    error:
      "status must be one of open, triaging, mitigated; resolve with a confirmed cause, or reopen with a reason",
  }),
});

/**
 * Turns an HTML form's fields into the shape the API takes: empty fields are absent, scopes
 * are typed space- or comma-separated, the HTTP status is typed as text.
 */
export function incidentFieldsFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  };
  const status = text("httpStatus");
  const occurredAt = text("occurredAt");
  return {
    correlationId: text("correlationId") ?? "",
    title: text("title") ?? "",
    environment: text("environment"),
    tenant: text("tenant") ?? "",
    vin: text("vin"),
    accountRef: text("accountRef"),
    sdkName: text("sdkName"),
    sdkVersion: text("sdkVersion"),
    apiVersion: text("apiVersion"),
    appVersion: text("appVersion"),
    scopes: (text("scopes") ?? "").split(/[\s,]+/).filter(Boolean),
    errorString: text("errorString") ?? "",
    httpStatus:
      status === undefined ? undefined : Number.isNaN(Number(status)) ? status : Number(status),
    // <input type="datetime-local"> carries no zone; the form labels it UTC.
    occurredAt: occurredAt?.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
      ? `${occurredAt}:00Z`
      : occurredAt?.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
        ? `${occurredAt}Z`
        : occurredAt,
    severity: text("severity"),
    status: text("status"),
    vendorConnectionId: text("vendorConnectionId") ?? null,
  };
}

export type FieldErrors = Record<string, string>;

/** The first message per field, keyed by the field's path ("scopes.2" for an item). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "body";
    errors[field] ??= issue.message;
  }
  return errors;
}
