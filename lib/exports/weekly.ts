import "server-only";
// The weekly export: the last 7 days of audit events, failed webhook deliveries and 429 bursts
// as three CSV files. The scheduler (runtime.ts) and the Trends page's button both run it; the
// files go into a dated subfolder of PITSTOP_WEEKLY_EXPORT_DIR when that is set, each written
// under a temporary name and renamed, so a crash never leaves a half-written file behind.
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/log";
import { db } from "@/lib/db/client";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import { maskText } from "@/lib/security/secrets";
import { bursts429 } from "@/lib/trends/store";
import { toCsv, type CsvValue } from "./csv";
import { webhookFailures } from "./webhook-failures";

export const WEEKLY_EXPORT_FILES = ["audit-events", "webhook-failures", "429-bursts"] as const;
export type WeeklyExportFile = (typeof WEEKLY_EXPORT_FILES)[number];
export const EXPORT_WINDOW_MS = 7 * 86_400_000;
export const LAST_RUN_KEY = "exports.weekly.last_run";

export type WeeklyExportWindow = { start: Date; end: Date };
export type ExportedFile = { ok: true; csv: string; rows: number } | { ok: false; problem: string };

export const exportWindow = (end: Date): WeeklyExportWindow => ({
  start: new Date(end.getTime() - EXPORT_WINDOW_MS),
  end,
});

// Masked again as a last line: text is masked when saved, but a row may predate that or come
// from a vendor (a failed delivery's error), and an export leaves Pitstop for good.
const maskedRows = (rows: CsvValue[][]) =>
  rows.map((row) => row.map((value) => (typeof value === "string" ? maskText(value) : value)));

async function auditEventsCsv({ start, end }: WeeklyExportWindow): Promise<ExportedFile> {
  const events = await db.auditEvent.findMany({
    where: { at: { gte: start, lt: end } },
    orderBy: { id: "asc" },
  });
  return {
    ok: true,
    rows: events.length,
    csv: toCsv(
      [
        "id",
        "at",
        "actor_type",
        "actor_id",
        "actor_label",
        "action",
        "entity_type",
        "entity_id",
        "before",
        "after",
      ],
      maskedRows(
        events.map((event) => [
          event.id,
          event.at,
          event.actorType,
          event.actorId,
          event.actorLabel,
          event.action,
          event.entityType,
          event.entityId,
          event.before,
          event.after,
        ]),
      ),
    ),
  };
}

async function webhookFailuresCsv({ start, end }: WeeklyExportWindow): Promise<ExportedFile> {
  const read = await webhookFailures(start, end);
  if (!read.ok) return read;
  return {
    ok: true,
    rows: read.failures.length,
    csv: toCsv(
      [
        "environment",
        "at",
        "delivery_id",
        "subscription_id",
        "tenant",
        "event",
        "attempt",
        "url",
        "status",
        "error",
        "outcome",
        "duration_ms",
      ],
      maskedRows(
        read.failures.map((failure) => [
          failure.environment,
          failure.at,
          failure.deliveryId,
          failure.subscriptionId,
          failure.tenant,
          failure.event,
          failure.attempt,
          failure.url,
          failure.status,
          failure.error,
          failure.outcome,
          failure.durationMs,
        ]),
      ),
    ),
  };
}

async function burstsCsv({ start, end }: WeeklyExportWindow): Promise<ExportedFile> {
  const rows = [];
  for (const environment of ENVIRONMENTS) {
    for (const burst of await bursts429({ start, end, environment }))
      rows.push([
        environment,
        burst.start,
        burst.end,
        burst.minutes,
        burst.probe429s,
        burst.incidents429,
      ]);
  }
  return {
    ok: true,
    rows: rows.length,
    csv: toCsv(["environment", "start", "end", "minutes", "probe_429s", "incidents_429"], rows),
  };
}

const BUILDERS: Record<WeeklyExportFile, (window: WeeklyExportWindow) => Promise<ExportedFile>> = {
  "audit-events": auditEventsCsv,
  "webhook-failures": webhookFailuresCsv,
  "429-bursts": burstsCsv,
};

/** One of the three files for the 7 days before `end`. */
export const exportFile = (file: WeeklyExportFile, end: Date) => BUILDERS[file](exportWindow(end));

/** The dated subfolder an export ending at `end` is written to. */
export const exportDirectory = (folder: string, end: Date) =>
  path.join(folder, end.toISOString().slice(0, 10));

/** Writes a file whole or not at all: a temporary name in the same folder, then a rename. */
export async function writeAtomically(file: string, contents: string): Promise<void> {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(temporary, contents, { flag: "wx" });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

// The record of a run kept in AppSetting; read back through this, so a hand-edited or older
// value shows as "no record" instead of breaking the page.
const weeklyExportRunSchema = z.object({
  at: z.string(),
  start: z.string(),
  end: z.string(),
  trigger: z.enum(["schedule", "on_demand"]),
  directory: z.string().nullable(),
  rows: z.partialRecord(z.enum(WEEKLY_EXPORT_FILES), z.number()),
  problems: z.array(z.string()),
});
export type WeeklyExportRun = z.infer<typeof weeklyExportRunSchema>;

/**
 * Builds the three files for the 7 days before `end`, writes them into `folder` (when given),
 * and records the run. A file that cannot be built (the vendor is down) is left out and named
 * in `problems` rather than written empty, which would read as "nothing failed".
 */
export async function runWeeklyExport(options: {
  end: Date;
  folder: string | null;
  trigger: WeeklyExportRun["trigger"];
  actor: AuditActor;
}): Promise<WeeklyExportRun> {
  const window = exportWindow(options.end);
  const built = await Promise.all(
    WEEKLY_EXPORT_FILES.map(async (file) => [file, await BUILDERS[file](window)] as const),
  );
  const directory = options.folder ? exportDirectory(options.folder, options.end) : null;
  if (directory) {
    await mkdir(directory, { recursive: true });
    for (const [file, result] of built)
      if (result.ok) await writeAtomically(path.join(directory, `${file}.csv`), result.csv);
  }
  const run: WeeklyExportRun = {
    at: new Date().toISOString(),
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    trigger: options.trigger,
    directory,
    rows: Object.fromEntries(
      built.flatMap(([file, result]) => (result.ok ? [[file, result.rows]] : [])),
    ),
    problems: built.flatMap(([file, result]) =>
      result.ok ? [] : [`${file}.csv: ${result.problem}`],
    ),
  };
  await db.$transaction(async (tx) => {
    const value = JSON.stringify(run);
    await tx.appSetting.upsert({
      where: { key: LAST_RUN_KEY },
      create: { key: LAST_RUN_KEY, value },
      update: { value },
    });
    await recordAudit(tx, options.actor, {
      action: "export.weekly",
      entityType: "export",
      entityId: run.end,
      after: run,
    });
  });
  return run;
}

/** The last recorded run, or null when there was none or the stored value is unreadable. */
export async function lastWeeklyExport(): Promise<WeeklyExportRun | null> {
  const setting = await db.appSetting.findUnique({ where: { key: LAST_RUN_KEY } });
  if (!setting) return null;
  try {
    const parsed = weeklyExportRunSchema.safeParse(JSON.parse(setting.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
