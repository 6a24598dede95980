// The incident list's state, as it lives in the URL: filters, search, sort and page.
import { z } from "zod";
import { calendarDay } from "@/lib/validation/dates";
import { text } from "@/lib/validation/text";
import { environmentSchema, incidentStatusSchema } from "./schema";

const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);

export const INCIDENT_SORTS = ["occurredAt", "severity", "status", "tenant", "title"] as const;
export const GROUP_SORTS = ["count", "lastSeen", "firstSeen"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export const incidentListQuerySchema = z
  .object({
    view: z
      .enum(["incidents", "groups"], { error: "view must be incidents or groups" })
      .default("incidents"),
    status: incidentStatusSchema.optional(),
    environment: environmentSchema.optional(),
    tenant: text("tenant", { max: 100 }).optional(),
    signature: text("signature", { max: 400, verbatim: true }).optional(),
    from: calendarDay("from").optional(),
    to: calendarDay("to").optional(),
    q: text("q", { max: 200 }).optional(),
    sort: z
      .enum([...INCIDENT_SORTS, ...GROUP_SORTS], {
        error: "sort is not a column that can be sorted",
      })
      .optional(),
    dir: z.enum(["asc", "desc"], { error: "dir must be asc or desc" }).default("desc"),
    page: z.coerce
      .number({ error: "page must be a number" })
      .int()
      .min(1, { error: "page must be 1 or more" })
      .max(100_000)
      .default(1),
    pageSize: z.coerce
      .number({ error: "pageSize must be a number" })
      .refine((size) => (PAGE_SIZES as readonly number[]).includes(size), {
        error: `pageSize must be one of ${PAGE_SIZES.join(", ")}`,
      })
      .default(25),
  })
  .transform((query) => ({
    ...query,
    sort:
      query.view === "groups"
        ? (GROUP_SORTS as readonly string[]).includes(query.sort ?? "")
          ? query.sort!
          : "count"
        : (INCIDENT_SORTS as readonly string[]).includes(query.sort ?? "")
          ? query.sort!
          : "occurredAt",
  }))
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: "from must be on or before to",
    path: ["from"],
  });

export type IncidentListQuery = z.output<typeof incidentListQuerySchema>;

/** URLSearchParams (or Next's searchParams object) to a plain object, blanks dropped. */
export function searchParamsToObject(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, unknown> {
  const entries =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).map(
          ([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const,
        );
  return Object.fromEntries(
    entries
      .map(([key, value]) => [key, blankAsAbsent(value)])
      .filter(([, value]) => value !== undefined),
  );
}

export type ParsedListQuery =
  | { ok: true; query: IncidentListQuery }
  | { ok: false; query: IncidentListQuery; errors: Record<string, string> };

/** For pages: bad parameters are reported by name and the rest of the query still applies. */
export function parseListQueryLeniently(raw: Record<string, unknown>): ParsedListQuery {
  const parsed = incidentListQuerySchema.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    errors[String(issue.path[0] ?? "query")] ??= issue.message;
  const withoutBad = Object.fromEntries(Object.entries(raw).filter(([key]) => !(key in errors)));
  if ("from" in errors) delete withoutBad.to;
  return { ok: false, query: incidentListQuerySchema.parse(withoutBad), errors };
}

// FTS5 has its own query language; a person's search text becomes prefix terms, all required.
export function ftsQuery(text: string): string | null {
  const terms = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return terms.length
    ? terms
        .slice(0, 12)
        .map((term) => `"${term}"*`)
        .join(" ")
    : null;
}

const DEFAULTS: Record<string, string> = {
  view: "incidents",
  dir: "desc",
  page: "1",
  pageSize: "25",
};
const DEFAULT_SORT: Record<IncidentListQuery["view"], string> = {
  incidents: "occurredAt",
  groups: "count",
};

/** The list's URL with some parameters changed; defaults are left out to keep links short. */
export function incidentListHref(
  query: IncidentListQuery,
  changes: Partial<Record<keyof IncidentListQuery, string | number | undefined>>,
): string {
  const merged: Record<string, unknown> = { ...query, ...changes };
  const defaults: Record<string, string> = {
    ...DEFAULTS,
    sort: DEFAULT_SORT[(merged.view as IncidentListQuery["view"]) ?? "incidents"],
  };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === "" || defaults[key] === String(value)) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/incidents?${search}` : "/incidents";
}
