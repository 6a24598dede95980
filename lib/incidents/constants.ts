// An incident's enumerations, shared by its schema, the store and client components. No
// imports: safe in a "use client" file without pulling zod into the browser.
export const ENVIRONMENTS = ["sandbox", "prod"] as const;
export const SEVERITIES = ["sev1", "sev2", "sev3", "sev4"] as const;
export const INCIDENT_STATUSES = ["open", "triaging", "mitigated", "resolved"] as const;
