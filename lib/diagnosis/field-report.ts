// Field reports (DESIGN.md, a contract): real incidents from public threads and vendor docs,
// one JSON object a line in lib/diagnosis/field-reports/*.jsonl. The classifier trains on them
// and cites them as similar cases, so a record that breaks the schema or repeats a thread is
// refused, naming where it is.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CAUSE_IDS } from "./taxonomy";

const text = z.string().trim().min(1);

export const fieldReportSchema = z.strictObject({
  sourceUrl: z.url({ protocol: /^https?$/ }),
  origin: z.enum(["thread", "vendor-docs"]),
  brand: text,
  client: text.optional(),
  event: text.optional(),
  errorString: text,
  context: z.strictObject({
    httpStatus: z.number().int().min(100).max(599).optional(),
    sdkVersion: text.optional(),
    appVersion: text.optional(),
    apiVersion: text.optional(),
    region: text.optional(),
    notes: text.optional(),
  }),
  cause: z.enum(CAUSE_IDS),
  settledBy: text,
});
export type FieldReport = z.infer<typeof fieldReportSchema>;

/** Where a record came from, for messages that point a reviewer at the line to fix. */
export type LocatedFieldReport = FieldReport & { file: string; line: number };

/** A thread is its URL without query or fragment: comment anchors of one thread count once. */
export function threadOf(sourceUrl: string): string {
  const url = new URL(sourceUrl);
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/+$/, "");
}

export class FieldReportError extends Error {
  override name = "FieldReportError";
}

/** Reads every *.jsonl file in `directory`, files in name order, refusing the first bad record. */
export function loadFieldReports(directory: string): LocatedFieldReport[] {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith(".jsonl"))
    .sort();
  const reports: LocatedFieldReport[] = [];
  const seenThreads = new Map<string, string>();
  for (const name of files) {
    const lines = readFileSync(path.join(directory, name), "utf8").split("\n");
    for (const [index, raw] of lines.entries()) {
      if (raw.trim() === "") continue;
      const where = `${name}:${index + 1}`;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        throw new FieldReportError(`${where}: not valid JSON: ${(error as Error).message}`);
      }
      const parsed = fieldReportSchema.safeParse(json);
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue) => `${issue.path.join(".") || "record"}: ${issue.message}`,
        );
        throw new FieldReportError(`${where}: ${problems.join("; ")}`);
      }
      const thread = threadOf(parsed.data.sourceUrl);
      const earlier = seenThreads.get(thread);
      if (earlier)
        throw new FieldReportError(
          `${where}: thread ${thread} is already reported at ${earlier}; one thread, one record`,
        );
      seenThreads.set(thread, where);
      reports.push({ ...parsed.data, file: name, line: index + 1 });
    }
  }
  return reports;
}

export const FIELD_REPORTS_DIR = path.join(process.cwd(), "lib/diagnosis/field-reports");
