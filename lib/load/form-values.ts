// The new-soak-run form's text values, turned into soakPlanSchema's input and back. Secrets
// (API key, bearer token) are never echoed into a re-rendered form.
import type { z } from "zod";
import { DEFAULT_SUCCESS_THRESHOLD_PCT } from "./plan";
import { labelledMessage, type FieldLabels } from "@/lib/validation/field-labels";

export type SoakFormValues = Record<string, string>;
export type SoakFormErrors = Record<string, string>;

const ECHOED_FIELDS = [
  "name",
  "environment",
  "targetUrl",
  "method",
  "apiVersion",
  "mintTenant",
  "mintAccount",
  "scheduleKind",
  "rate",
  "startRate",
  "stepBy",
  "ceiling",
  "stepDurationS",
  "durationS",
  "timeoutMs",
  "connections",
  "retry",
  "retryMaxAttempts",
  "successThresholdPct",
] as const;

export function blankSoakFormValues(targetUrl: string): SoakFormValues {
  return {
    environment: "sandbox",
    targetUrl,
    method: "GET",
    apiVersion: "2025-09-01",
    mintTenant: "loadlab",
    scheduleKind: "steps",
    rate: "50",
    startRate: "50",
    stepBy: "50",
    ceiling: "200",
    stepDurationS: "10",
    durationS: "40",
    timeoutMs: "5000",
    connections: "100",
    retryMaxAttempts: "3",
    successThresholdPct: String(DEFAULT_SUCCESS_THRESHOLD_PCT),
  };
}

const text = (form: FormData, field: string): string => {
  const value = form.get(field);
  return typeof value === "string" ? value.trim() : "";
};

export function submittedSoakFormValues(form: FormData): SoakFormValues {
  return Object.fromEntries(ECHOED_FIELDS.map((field) => [field, text(form, field)]));
}

// Empty means "not given" (the schema's default or its "required" message); anything else is
// handed over as a number, so "abc" fails as NaN with the field's own message.
const number = (form: FormData, field: string) =>
  text(form, field) === "" ? undefined : Number(text(form, field));
const optional = (form: FormData, field: string) => text(form, field) || undefined;

/** soakPlanSchema's input from the form. */
export function soakPlanInputFromForm(form: FormData): unknown {
  const schedule =
    text(form, "scheduleKind") === "constant"
      ? { kind: "constant", rate: number(form, "rate") }
      : {
          kind: text(form, "scheduleKind"),
          startRate: number(form, "startRate"),
          stepBy: number(form, "stepBy"),
          ceiling: number(form, "ceiling"),
          stepDurationS: number(form, "stepDurationS"),
        };
  return {
    name: text(form, "name"),
    environment: text(form, "environment"),
    targetUrl: text(form, "targetUrl"),
    method: text(form, "method") || undefined,
    credentials: {
      apiKey: optional(form, "apiKey"),
      bearerToken: optional(form, "bearerToken"),
      apiVersion: optional(form, "apiVersion"),
    },
    schedule,
    durationS: number(form, "durationS"),
    timeoutMs: number(form, "timeoutMs"),
    connections: number(form, "connections"),
    retry:
      form.get("retry") === "on" ? { maxAttempts: number(form, "retryMaxAttempts") } : undefined,
    successThresholdPct: number(form, "successThresholdPct"),
  };
}

/** The form field each schema path belongs to. */
const FIELD_OF_PATH: Record<string, string> = {
  "credentials.apiKey": "apiKey",
  "credentials.bearerToken": "bearerToken",
  "credentials.apiVersion": "apiVersion",
  "schedule.kind": "scheduleKind",
  "schedule.rate": "rate",
  "schedule.startRate": "startRate",
  "schedule.stepBy": "stepBy",
  "schedule.ceiling": "ceiling",
  "schedule.stepDurationS": "stepDurationS",
  "retry.maxAttempts": "retryMaxAttempts",
};

/** The form's labels, which its messages use in place of the plan's JSON names. */
const SOAK_FIELD_LABELS: FieldLabels = {
  name: "Name",
  environment: "Environment",
  targetUrl: "Target URL",
  method: "Method",
  apiVersion: "API version",
  apiKey: "API key",
  bearerToken: "Bearer token",
  "schedule.kind": "Schedule",
  rate: "Rate (req/s)",
  startRate: "Start rate (req/s)",
  stepBy: "Step by (req/s)",
  ceiling: "Ceiling (req/s)",
  stepDurationS: "Step duration (s)",
  durationS: "Run duration (s)",
  timeoutMs: "Timeout (ms)",
  connections: "Connections",
  "retry.maxAttempts": "Max attempts",
  successThresholdPct: "Success threshold (%)",
};

export function soakFormErrors(error: z.ZodError): SoakFormErrors {
  const errors: SoakFormErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    errors[FIELD_OF_PATH[path] ?? (path || "form")] ??= labelledMessage(
      issue.message,
      SOAK_FIELD_LABELS,
    );
  }
  return errors;
}
