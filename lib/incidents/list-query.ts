// The incident list's state, as it lives in the URL: filters, search, sort and page.
import { z } from "zod";
import { calendarDay } from "@/lib/validation/dates";
import { text } from "@/lib/validation/text";
import type { Actor } from "@/lib/auth/policy";
import { environmentSchema, INCIDENT_STATUSES, SEVERITIES, type Severity } from "./schema";

const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);

// "oncall": unresolved first, then most severe, then newest (see README, "The on-call list and live pages").
export const INCIDENT_SORTS = [
  "oncall",
  "occurredAt",
  "severity",
  "status",
  "tenant",
  "title",
] as const;
export const GROUP_SORTS = ["count", "lastSeen", "firstSeen"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const STATUS_FILTERS = [...INCIDENT_STATUSES, "unresolved"] as const;
/** Repeated in a URL (one checkbox each) or comma-separated: both read as one list. */
const LIST_PARAMS = new Set(["severity"]);

const severityFilterSchema = z
  .string()
  .transform((value) => value.split(",").map((part) => part.trim()))
  .refine((parts) => parts.every((part) => (SEVERITIES as readonly string[]).includes(part)), {
    error: `severity must be one or more of ${SEVERITIES.join(", ")}, comma-separated`,
  })
  .transform((parts) => SEVERITIES.filter((severity) => parts.includes(severity)) as Severity[]);

// "me" is whoever asks; "none" is unowned; anything else is a user id (cuid).
const ownerFilterSchema = z.string().regex(/^(me|none|[A-Za-z0-9_-]{1,64})$/, {
  error: "owner must be me, none or a user id",
});

export const incidentListQuerySchema = z
  .object({
    view: z
      .enum(["incidents", "groups"], { error: "view must be incidents or groups" })
      .default("incidents"),
    status: z
      .enum(STATUS_FILTERS, {
        error: `status must be one of ${STATUS_FILTERS.join(", ")}`,
      })
      .optional(),
    severity: severityFilterSchema.optional(),
    owner: ownerFilterSchema.optional(),
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
          : "oncall",
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
      : Object.entries(params).flatMap(([key, value]) =>
          (Array.isArray(value) ? value : [value]).map((one) => [key, one] as const),
        );
  const lists = new Map<string, string[]>();
  for (const [key, value] of entries)
    if (LIST_PARAMS.has(key) && value) lists.set(key, [...(lists.get(key) ?? []), value]);
  const single = Object.fromEntries(
    // The first of a repeated parameter wins, as URLSearchParams.get does.
    [...entries]
      .reverse()
      .map(([key, value]) => [key, blankAsAbsent(value)])
      .filter(([, value]) => value !== undefined),
  );
  for (const [key, values] of lists) single[key] = values.join(",");
  return single;
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

const DEFAULTS: Record<string, string> = {
  view: "incidents",
  dir: "desc",
  page: "1",
  pageSize: "25",
};
const DEFAULT_SORT: Record<IncidentListQuery["view"], string> = {
  incidents: "oncall",
  groups: "count",
};

type ListChanges = Partial<Record<keyof IncidentListQuery, string | number | undefined>>;

/** The list's URL with some parameters changed; defaults are left out to keep links short. */
export function incidentListHref(query: IncidentListQuery, changes: ListChanges): string {
  const search = incidentListSearch(query, changes);
  return search ? `/incidents?${search}` : "/incidents";
}

/** The query string of incidentListHref, for other URLs that take the list's query. */
export function incidentListSearch(query: IncidentListQuery, changes: ListChanges): string {
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
  return params.toString();
}

/** A named view of the list: all its state is in the query string, so it can be bookmarked. */
export type SavedView = { id: string; label: string; params: Record<string, string> };

export const SAVED_VIEWS: readonly SavedView[] = [
  { id: "on-call", label: "On call", params: { status: "unresolved" } },
  { id: "mine", label: "Mine", params: { status: "unresolved", owner: "me" } },
  { id: "unowned", label: "Unowned", params: { status: "unresolved", owner: "none" } },
  { id: "sev1-2", label: "Sev1–2", params: { status: "unresolved", severity: "sev1,sev2" } },
  { id: "resolved", label: "Resolved", params: { status: "resolved", sort: "occurredAt" } },
  { id: "all", label: "All", params: {} },
];

// What a saved view pins: every filter and the order. Page and page size are the reader's own.
const VIEW_KEYS = [
  "status",
  "severity",
  "owner",
  "environment",
  "tenant",
  "signature",
  "q",
  "from",
  "to",
  "sort",
  "dir",
] as const;

export const savedViewHref = (view: SavedView) => {
  const search = new URLSearchParams(view.params).toString();
  return search ? `/incidents?${search}` : "/incidents";
};

/** The saved view the query is exactly, if any (page and page size aside). */
export function activeSavedView(query: IncidentListQuery): SavedView | undefined {
  if (query.view !== "incidents") return undefined;
  const current = searchParamsToObject(
    new URL(incidentListHref(query, { page: undefined }), "http://list").searchParams,
  );
  return SAVED_VIEWS.find((view) =>
    VIEW_KEYS.every((key) => (current[key] ?? "") === (view.params[key] ?? "")),
  );
}

export type OwnerResolution =
  { ok: true; query: IncidentListQuery } | { ok: false; errors: Record<string, string> };

/** `owner=me` names the asking user; an API token owns nothing, so it must name a user id. */
export function resolveOwner(query: IncidentListQuery, actor: Actor): OwnerResolution {
  if (query.owner !== "me") return { ok: true, query };
  if (actor.kind !== "user")
    return {
      ok: false,
      errors: { owner: "owner=me needs a signed-in user; with an API token, name a user id" },
    };
  return { ok: true, query: { ...query, owner: actor.id } };
}
