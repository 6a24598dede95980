// The Trends filters, as they travel in the page URL and the CSV links: a date range (whole UTC
// days, both ends included) and an environment. One schema for the page and the CSV routes.
import { z } from "zod";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import { calendarDay } from "@/lib/validation/dates";

export const TREND_ENVIRONMENTS = ["all", ...ENVIRONMENTS] as const;
export type TrendEnvironment = (typeof TREND_ENVIRONMENTS)[number];

export const TREND_CHARTS = [
  "causes",
  "opened-resolved",
  "time-to-resolve",
  "vendor-minutes",
  "signatures",
  "bursts",
  "diagnosis-accuracy",
  "diagnosis-accuracy-by-cause",
] as const;
export type TrendChart = (typeof TREND_CHARTS)[number];

export const DEFAULT_WEEKS = 12;
// Two years of weeks is as much as a chart can show legibly and keeps every query bounded.
export const MAX_RANGE_DAYS = 731;
const DAY_MS = 86_400_000;

const blankIsAbsent = (value: unknown) => (value === "" || value === null ? undefined : value);

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export const trendsQuerySchema = z
  .object({
    from: z.preprocess(blankIsAbsent, calendarDay("from").optional()),
    to: z.preprocess(blankIsAbsent, calendarDay("to").optional()),
    environment: z.preprocess(
      blankIsAbsent,
      z
        .enum(TREND_ENVIRONMENTS, { error: "environment must be all, sandbox or prod" })
        .default("all"),
    ),
  })
  .transform((query, context) => {
    const to = query.to ?? dayOf(new Date());
    const from =
      query.from ??
      dayOf(new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_WEEKS * 7 - 1) * DAY_MS));
    const start = new Date(`${from}T00:00:00Z`);
    const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
    if (start >= end) {
      context.addIssue({ code: "custom", path: ["from"], message: "from must be on or before to" });
      return z.NEVER;
    }
    if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      context.addIssue({
        code: "custom",
        path: ["from"],
        message: `the range may span at most ${MAX_RANGE_DAYS} days`,
      });
      return z.NEVER;
    }
    return { from, to, environment: query.environment, start, end };
  });

/** A parsed range: `from`/`to` are the days as written; `start`/`end` the half-open instant range. */
export type TrendsQuery = z.output<typeof trendsQuerySchema>;

export type ParsedTrendsQuery =
  { ok: true; query: TrendsQuery } | { ok: false; field: string; problem: string };

/** Reads the filters from URL search params; the first problem names its field. */
export function parseTrendsQuery(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): ParsedTrendsQuery {
  const read = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return Array.isArray(value) ? value[0] : (value ?? undefined);
  };
  const parsed = trendsQuerySchema.safeParse({
    from: read("from"),
    to: read("to"),
    environment: read("environment"),
  });
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, field: String(issue.path[0] ?? "query"), problem: issue.message };
}

/** The filters as URL search params, for links that keep them (CSV downloads, incident lists). */
export function trendsSearch(query: Pick<TrendsQuery, "from" | "to" | "environment">): string {
  return new URLSearchParams({
    from: query.from,
    to: query.to,
    environment: query.environment,
  }).toString();
}
