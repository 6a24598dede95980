// The incident form's text values: from a stored incident (edit), for a blank form (new), or
// echoed back from a submitted form so nothing typed is lost when validation fails.
import type { IncidentRecord } from "./store";

export type IncidentFormValues = Record<string, string>;

const FORM_FIELDS = [
  "title",
  "correlationId",
  "occurredAt",
  "environment",
  "tenant",
  "severity",
  "status",
  "errorString",
  "httpStatus",
  "vin",
  "accountRef",
  "scopes",
  "sdkName",
  "sdkVersion",
  "apiVersion",
  "appVersion",
  "vendorConnectionId",
] as const;

const toDateTimeLocal = (date: Date) => date.toISOString().slice(0, 19);

export function blankIncidentFormValues(now: Date): IncidentFormValues {
  return {
    occurredAt: toDateTimeLocal(now),
    environment: "prod",
    severity: "sev3",
    status: "open",
  };
}

export function incidentFormValues(incident: IncidentRecord): IncidentFormValues {
  return {
    title: incident.title,
    correlationId: incident.correlationId,
    occurredAt: toDateTimeLocal(incident.occurredAt),
    environment: incident.environment,
    tenant: incident.tenant,
    severity: incident.severity,
    status: incident.status,
    errorString: incident.errorString,
    httpStatus: incident.httpStatus?.toString() ?? "",
    vin: incident.vin ?? "",
    accountRef: incident.accountRef ?? "",
    scopes: incident.scopes.join(" "),
    vendorConnectionId: incident.vendorConnectionId ?? "",
    sdkName: incident.sdkName ?? "",
    sdkVersion: incident.sdkVersion ?? "",
    apiVersion: incident.apiVersion ?? "",
    appVersion: incident.appVersion ?? "",
  };
}

export function submittedFormValues(form: FormData): IncidentFormValues {
  return Object.fromEntries(
    FORM_FIELDS.map((field) => {
      const value = form.get(field);
      return [field, typeof value === "string" ? value : ""];
    }),
  );
}
