// What a change event is at every boundary that records or lists one: the API's JSON, the
// "Record a change" form, the list's URL and the vendor-audit import's request.
import { z } from "zod";
import { environmentSchema } from "@/lib/incidents/schema";
import { calendarDay, occurredAtSchema } from "@/lib/validation/dates";
import type { FieldLabels } from "@/lib/validation/field-labels";
import { optionalText, requiredText, text } from "@/lib/validation/text";

export const CHANGE_KINDS = [
  "sdk_bump",
  "api_version_pin",
  "key_rotation",
  "token_regeneration",
  "oauth_relink",
  "scope_change",
  "policy_change",
  "tenant_move",
  "app_release",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  sdk_bump: "SDK bump",
  api_version_pin: "API version pin",
  key_rotation: "Key rotation",
  token_regeneration: "Token regeneration",
  oauth_relink: "OAuth relink",
  scope_change: "Scope change",
  policy_change: "Policy change",
  tenant_move: "Tenant move",
  app_release: "App release",
};

export const CHANGE_SOURCES = ["manual", "vendor_audit"] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];
export const CHANGE_SOURCE_LABELS: Record<ChangeSource, string> = {
  manual: "Recorded",
  vendor_audit: "Vendor audit log",
};

/** A stored kind in plain English; a kind this version does not know is shown as stored. */
export const changeKindLabel = (kind: string) => CHANGE_KIND_LABELS[kind as ChangeKind] ?? kind;
export const changeSourceLabel = (source: string) =>
  CHANGE_SOURCE_LABELS[source as ChangeSource] ?? source;

export const changeKindSchema = z.enum(CHANGE_KINDS, {
  error: `kind must be one of ${CHANGE_KINDS.join(", ")}`,
});

export const changeInputSchema = z.object({
  kind: changeKindSchema,
  environment: environmentSchema,
  // Absent: the change touched the whole environment (every tenant).
  tenant: optionalText("tenant", 100),
  summary: requiredText("summary", 300),
  details: optionalText("details", 5_000, { multiline: true }),
  occurredAt: occurredAtSchema("occurredAt")
    .nullish()
    .transform((date) => date ?? new Date()),
});
export type ChangeInput = z.output<typeof changeInputSchema>;

/** The change form's labels, which its messages use in place of the JSON names. */
export const CHANGE_FIELD_LABELS: FieldLabels = {
  kind: "Kind",
  environment: "Environment",
  tenant: "Tenant",
  summary: "Summary",
  details: "Details",
  occurredAt: "Occurred at (UTC)",
};

/** The form's fields in the API's shape: blanks are absent, datetime-local (no zone) is UTC. */
export function changeFieldsFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  };
  const occurredAt = text("occurredAt");
  return {
    kind: text("kind"),
    environment: text("environment"),
    tenant: text("tenant"),
    summary: text("summary") ?? "",
    details: text("details"),
    occurredAt: occurredAt?.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
      ? `${occurredAt}:00Z`
      : occurredAt?.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
        ? `${occurredAt}Z`
        : occurredAt,
  };
}

export const CHANGE_PAGE_SIZE = 50;

export const changeListQuerySchema = z
  .object({
    environment: environmentSchema.optional(),
    kind: changeKindSchema.optional(),
    source: z.enum(CHANGE_SOURCES, { error: "source must be manual or vendor_audit" }).optional(),
    tenant: text("tenant", { max: 100 }).optional(),
    from: calendarDay("from").optional(),
    to: calendarDay("to").optional(),
    page: z.coerce
      .number({ error: "page must be a number" })
      .int({ error: "page must be a whole number" })
      .min(1, { error: "page must be 1 or more" })
      .max(100_000, { error: "page must be at most 100000" })
      .default(1),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: "from must be on or before to",
    path: ["from"],
  });
export type ChangeListQuery = z.output<typeof changeListQuerySchema>;

/** For the page: bad parameters are named and dropped, the rest of the filters still apply. */
export function parseChangeListQuery(raw: Record<string, unknown>): {
  query: ChangeListQuery;
  errors: Record<string, string>;
} {
  const parsed = changeListQuerySchema.safeParse(raw);
  if (parsed.success) return { query: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    errors[String(issue.path[0] ?? "query")] ??= issue.message;
  const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !(key in errors)));
  if ("from" in errors) delete kept.to;
  return { query: changeListQuerySchema.parse(kept), errors };
}

/** The list's URL with some filters changed; page 1 is left out to keep links short. */
export function changeListHref(
  query: ChangeListQuery,
  changes: Partial<Record<keyof ChangeListQuery, string | number | undefined>>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value === undefined || value === "" || (key === "page" && Number(value) === 1)) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/changes?${search}` : "/changes";
}

export const vendorAuditImportSchema = z.object({ environment: environmentSchema });
