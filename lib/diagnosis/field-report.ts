// Field reports (DESIGN.md, a contract): real incidents from public threads and vendor docs,
// one JSON object a line in lib/diagnosis/field-reports/*.jsonl. The classifier trains on them
// and cites them as similar cases, so a record that breaks the schema or repeats a thread is
// refused, naming where it is. A team's own resolved incidents, exported with origin
// "internal" (lib/incidents/field-report-export.ts), live in a folder of its choosing and
// never in the public corpus, whose figures must stay those of public sources alone.
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CAUSE_IDS } from "./taxonomy";

const text = z.string().trim().min(1);

export const fieldReportSchema = z.strictObject({
  sourceUrl: z.url({ protocol: /^https?$/ }),
  origin: z.enum(["thread", "vendor-docs", "internal"]),
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

/** The public corpus holds public sources only; a team's folder holds its own incidents only. */
export type FieldReportCorpus = "public" | "internal";

const originProblem = (corpus: FieldReportCorpus, origin: FieldReport["origin"]) =>
  corpus === "public" && origin === "internal"
    ? `origin: "internal" records belong in the team's own folder, never in the public corpus`
    : corpus === "internal" && origin !== "internal"
      ? `origin: "${origin}" is a public source; a team's folder holds only origin "internal" records`
      : null;

/**
 * Reads every *.jsonl file in `directory`, files in name order, refusing the first bad record.
 * `corpus` says which kind of folder it is (the public one unless told).
 */
export function loadFieldReports(
  directory: string,
  corpus: FieldReportCorpus = "public",
): LocatedFieldReport[] {
  if (corpus === "internal" && isInsidePublicCorpus(directory))
    throw new FieldReportError(
      `${directory} is the public corpus (${FIELD_REPORTS_DIR}); give the team's own folder`,
    );
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
      const misplaced = originProblem(corpus, parsed.data.origin);
      if (misplaced) throw new FieldReportError(`${where}: ${misplaced}`);
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

// Resolved through symbolic links as far as the folder exists, so a link into the corpus counts.
function realFolder(folder: string): string {
  const absolute = path.resolve(folder);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = path.dirname(absolute);
  return parent === absolute ? absolute : path.join(realFolder(parent), path.basename(absolute));
}

/** Whether `folder` is the public corpus or inside it. */
export function isInsidePublicCorpus(folder: string): boolean {
  const relative = path.relative(realFolder(FIELD_REPORTS_DIR), realFolder(folder));
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}
