import "server-only";
// `pitstop export weekly` runs the weekly CSV export (the scheduled job's and the Trends page's)
// into a folder; `pitstop export runbook ID` prints a runbook entry as the Markdown the
// download route serves; `pitstop export field-reports` writes the team's resolved incidents as
// internal field reports for training.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { FIELD_REPORTS_DIR, isInsidePublicCorpus } from "@/lib/diagnosis/field-report";
import { runWeeklyExport, writeAtomically } from "@/lib/exports/weekly";
import { internalFieldReports } from "@/lib/incidents/field-report-export";
import { runbookMarkdown } from "@/lib/runbooks/markdown";
import { versionParamSchema } from "@/lib/runbooks/schema";
import { getRunbookEntry, shownVersion } from "@/lib/runbooks/store";
import { fromInvocationDir } from "./ingest";
import { parseFlags, refuseArguments } from "./arguments";

/** The file `export field-reports` writes in its folder. */
export const INTERNAL_FILE = "pitstop-internal.jsonl";

export const EXPORT_USAGE = `usage: pitstop export weekly [--out DIR] [--end ISO]
       pitstop export runbook ID [--version N] [--out FILE]
       pitstop export field-reports --out DIR [--since DATE]

weekly    the last 7 days of audit events, failed webhook deliveries and 429 bursts as three
          CSV files in a dated subfolder of DIR (default: PITSTOP_WEEKLY_EXPORT_DIR), as the
          scheduled job writes them; prints each file's path
  --out DIR     the folder (relative to the current directory)
  --end ISO     the end of the 7 days, an ISO 8601 date-time (default: now)

runbook   a runbook entry as Markdown on stdout, or into FILE
  --version N   that version (default: the approved one, else the latest)
  --out FILE    write the Markdown there instead (relative to the current directory)

field-reports resolved incidents with a confirmed cause (not "other") as field reports with
          origin "internal" (secrets masked, VINs and account references removed) in
          DIR/${INTERNAL_FILE}, replacing it; prints its path and how many records. Train on
          them with npm run train:classifier -- --internal DIR
  --out DIR     the folder (relative to the current directory); never the public corpus
  --since DATE  only incidents resolved on or after that UTC day, e.g. 2026-11-01

Exit status: 0 written, 1 no such entry or version, or a file could not be built, 2 bad arguments.`;

const CLI_ACTOR = { kind: "system", label: "pitstop CLI" } as const;

const weeklyArgsSchema = z.object({
  out: z.string().trim().min(1, { error: "give a folder" }).optional(),
  end: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-11-23T06:00:00Z" })
    .transform((value) => new Date(value))
    .optional(),
});

const runbookArgsSchema = z.object({
  id: z
    .string({ error: "give the entry's id: pitstop export runbook ID" })
    .trim()
    .min(1, { error: "give the entry's id" }),
  version: versionParamSchema.optional(),
  out: z.string().trim().min(1, { error: "give a file" }).optional(),
});

const fieldReportsArgsSchema = z.object({
  out: z
    .string({ error: "give a folder for the team's field reports" })
    .trim()
    .min(1, { error: "give a folder for the team's field reports" })
    .transform((folder) => fromInvocationDir(folder))
    .refine((folder) => !isInsidePublicCorpus(folder), {
      error: `must not be the public corpus (${path.relative(process.cwd(), FIELD_REPORTS_DIR)}): internal reports never go there; give the team's own folder`,
    }),
  since: z.iso
    .date({ error: "must be a real date like 2026-11-01" })
    .transform((day) => new Date(`${day}T00:00:00Z`))
    .optional(),
});

/** The scheduled job's folder, resolved as the app server resolves it (from the project folder). */
function configuredWeeklyFolder(): string | null {
  const folder = process.env.PITSTOP_WEEKLY_EXPORT_DIR?.trim();
  return folder ? path.resolve(folder) : null;
}

async function exportWeekly(args: string[]): Promise<number> {
  const parsed = parseFlags(
    args,
    { out: { type: "string" }, end: { type: "string" } },
    weeklyArgsSchema,
  );
  if (!parsed.ok) return refuseArguments("export weekly", parsed.errors, "export");
  const folder = parsed.value.out ? fromInvocationDir(parsed.value.out) : configuredWeeklyFolder();
  if (!folder)
    return refuseArguments(
      "export weekly",
      ["--out: give a folder (PITSTOP_WEEKLY_EXPORT_DIR is not set)"],
      "export",
    );
  try {
    const run = await runWeeklyExport({
      end: parsed.value.end ?? new Date(),
      folder,
      trigger: "on_demand",
      actor: CLI_ACTOR,
    });
    for (const file of Object.keys(run.rows)) console.log(path.join(run.directory!, `${file}.csv`));
    for (const problem of run.problems)
      console.error(`pitstop export weekly: not written: ${problem}`);
    return run.problems.length === 0 ? 0 : 1;
  } finally {
    await db.$disconnect();
  }
}

async function exportRunbook(args: string[]): Promise<number> {
  const parsed = parseFlags(
    args,
    { version: { type: "string" }, out: { type: "string" } },
    runbookArgsSchema,
    "id",
  );
  if (!parsed.ok) return refuseArguments("export runbook", parsed.errors, "export");
  const { id, version: asked, out } = parsed.value;
  try {
    const entry = await getRunbookEntry(id);
    if (!entry) {
      console.error(`pitstop export runbook: no runbook entry has the id ${id}`);
      return 1;
    }
    const version = shownVersion(entry, asked);
    if (!version) {
      console.error(
        `pitstop export runbook: --version: entry ${id} has versions 1 to ${entry.currentVersion}, not ${asked}`,
      );
      return 1;
    }
    const markdown = runbookMarkdown(entry, version, entry.reviews);
    if (!out) {
      process.stdout.write(markdown);
      return 0;
    }
    const file = fromInvocationDir(out);
    await mkdir(path.dirname(file), { recursive: true });
    await writeAtomically(file, markdown);
    console.log(file);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

async function exportFieldReports(args: string[]): Promise<number> {
  const parsed = parseFlags(
    args,
    { out: { type: "string" }, since: { type: "string" } },
    fieldReportsArgsSchema,
  );
  if (!parsed.ok) return refuseArguments("export field-reports", parsed.errors, "export");
  const { out, since } = parsed.value;
  try {
    const reports = await internalFieldReports({ since });
    await mkdir(out, { recursive: true });
    const file = path.join(out, INTERNAL_FILE);
    await writeAtomically(file, reports.map((report) => `${JSON.stringify(report)}\n`).join(""));
    console.log(file);
    console.error(`pitstop export field-reports: ${reports.length} records`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

export async function runExportCommand(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case "weekly":
      return exportWeekly(rest);
    case "runbook":
      return exportRunbook(rest);
    case "field-reports":
      return exportFieldReports(rest);
    case "--help":
    case "-h":
      console.log(EXPORT_USAGE);
      return 0;
    default:
      console.error(
        `pitstop export: ${subcommand === undefined ? "say what to export" : `unknown export "${subcommand}"`}: weekly, runbook or field-reports\n\n${EXPORT_USAGE}`,
      );
      return 2;
  }
}
