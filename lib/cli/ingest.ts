import "server-only";
// `pitstop ingest`: files incidents from JSON Lines (the Incident JSON contract, one per line),
// through the same store and batch size as POST /api/v1/incidents/batch. A bad or duplicate line
// is reported on stderr and skipped; the last stdout line is {"created": n, "rejected": m}.
import { constants, createReadStream } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { AuditActor } from "@/lib/audit/log";
import { db } from "@/lib/db/client";
import { MAX_BATCH_SIZE } from "@/lib/incidents/api-writes";
import { fieldErrors, incidentInputSchema, type IncidentInput } from "@/lib/incidents/schema";
import {
  createIncidents,
  splitDuplicateIncidents,
  unknownVendorConnectionIds,
  unknownVendorConnectionMessage,
} from "@/lib/incidents/store";
import { refuseArguments } from "./arguments";

export const INGEST_USAGE = `usage: pitstop ingest [--file PATH] [--reporter NAME]

Files incidents from JSON Lines: one incident per line, in the Incident JSON contract
({"correlationId": "...", "title": "...", "environment": "prod", "tenant": "...", "errorString": "...",
"occurredAt": "2026-11-23T09:30:00Z", ...}). Valid lines are created in batches of up to ${MAX_BATCH_SIZE};
a line that is not valid, or whose correlationId is already used, is reported on stderr as
"line N: <field>: <message>" and skipped.

  --file PATH       read this file instead of stdin (relative to the current directory)
  --reporter NAME   who the incidents are filed by (default: "pitstop CLI")

Prints {"created": n, "rejected": m} as the last stdout line.
Exit status: 0 every line created, 1 some lines rejected (or the input broke off), 2 bad arguments.`;

const ingestArgsSchema = z.object({
  file: z.string().trim().min(1, { error: "give a path" }).optional(),
  reporter: z
    .string()
    .trim()
    .min(1, { error: "give a name" })
    .max(100, { error: "at most 100 characters" })
    .optional(),
});

export type IngestArgs =
  | { ok: true; file: string | null; actor: AuditActor }
  | { ok: true; help: true }
  | { ok: false; errors: string[] };

/** Relative paths are the caller's: bin/pitstop runs us from the project folder but passes its own cwd. */
export const fromInvocationDir = (file: string) =>
  path.resolve(process.env.PITSTOP_INVOCATION_DIR ?? process.cwd(), file);

export function parseIngestArgs(args: string[]): IngestArgs {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        file: { type: "string" },
        reporter: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  if (values.help) return { ok: true, help: true };
  const parsed = ingestArgsSchema.safeParse(values);
  if (!parsed.success)
    return {
      ok: false,
      errors: Object.entries(fieldErrors(parsed.error)).map(
        ([flag, message]) => `--${flag}: ${message}`,
      ),
    };
  const { file, reporter } = parsed.data;
  return {
    ok: true,
    file: file ? fromInvocationDir(file) : null,
    actor: { kind: "system", label: reporter ? `pitstop CLI (${reporter})` : "pitstop CLI" },
  };
}

export type Rejection = { line: number; field: string; message: string };
export type IngestTotals = { created: number; rejected: number };

type NumberedIncident = { line: number; input: IncidentInput };
type LineResult = { ok: true; input: IncidentInput } | { ok: false; rejections: Rejection[] };

function parseIncidentLine(text: string, line: number): LineResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      rejections: [
        { line, field: "line", message: `is not valid JSON: ${(error as Error).message}` },
      ],
    };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return {
      ok: false,
      rejections: [{ line, field: "line", message: "must be a JSON object (one incident)" }],
    };
  }
  const parsed = incidentInputSchema.safeParse(json);
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    rejections: Object.entries(fieldErrors(parsed.error)).map(([field, message]) => ({
      line,
      field,
      message,
    })),
  };
}

/**
 * Files the incidents in `lines` (1-based line numbers; blank lines are skipped). Every
 * MAX_BATCH_SIZE lines the valid ones are written in one transaction and that stretch's
 * rejections are reported, in line order, so memory stays flat however long the input is.
 */
export async function ingestIncidentLines(
  lines: AsyncIterable<string>,
  actor: AuditActor,
  reject: (rejection: Rejection) => void,
): Promise<IngestTotals> {
  const totals: IngestTotals = { created: 0, rejected: 0 };
  // Where each correlation id was first seen in this input, so a repeat names the line it repeats.
  const firstSeen = new Map<string, NumberedIncident>();
  let valid: NumberedIncident[] = [];
  let rejections: Rejection[] = [];

  const flush = async () => {
    const batch = valid;
    const stretch = rejections;
    valid = [];
    rejections = [];
    if (batch.length > 0) {
      const written = await db.$transaction(async (tx) => {
        const unknown = await unknownVendorConnectionIds(
          batch.map(({ input }) => input.vendorConnectionId),
          tx,
        );
        for (const item of batch)
          if (item.input.vendorConnectionId && unknown.has(item.input.vendorConnectionId))
            stretch.push({
              line: item.line,
              field: "vendorConnectionId",
              message: unknownVendorConnectionMessage(item.input.vendorConnectionId),
            });
        const known = batch.filter(
          ({ input }) => !input.vendorConnectionId || !unknown.has(input.vendorConnectionId),
        );
        const { fresh, duplicates } = await splitDuplicateIncidents(known, tx, firstSeen);
        for (const { item, existingId, earlier } of duplicates)
          stretch.push({
            line: item.line,
            field: "correlationId",
            message: earlier
              ? `${item.input.correlationId} repeats line ${earlier.line}`
              : `${item.input.correlationId} is already used by incident ${existingId}`,
          });
        return createIncidents(
          fresh.map(({ input }) => input),
          actor,
          tx,
        );
      });
      totals.created += written.length;
    }
    stretch.sort((a, b) => a.line - b.line);
    totals.rejected += new Set(stretch.map((rejection) => rejection.line)).size;
    for (const rejection of stretch) reject(rejection);
  };

  let number = 0;
  let pending = 0;
  for await (const raw of lines) {
    number++;
    // A byte-order mark that some editors put at the start of a file is not part of the JSON.
    const text = number === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === "") continue;
    const result = parseIncidentLine(text, number);
    if (result.ok) valid.push({ line: number, input: result.input });
    else rejections.push(...result.rejections);
    if (++pending === MAX_BATCH_SIZE) {
      await flush();
      pending = 0;
    }
  }
  await flush();
  return totals;
}

/** Why a --file cannot be read, or null; a pipe such as <(zcat x.gz) is fine, a folder is not. */
async function unreadable(file: string): Promise<string | null> {
  try {
    await access(file, constants.R_OK);
    return (await stat(file)).isDirectory() ? "it is a folder" : null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

export async function runIngestCommand(args: string[]): Promise<number> {
  const parsed = parseIngestArgs(args);
  if (parsed.ok && "help" in parsed) {
    console.log(INGEST_USAGE);
    return 0;
  }
  if (!parsed.ok) {
    return refuseArguments("ingest", parsed.errors);
  }
  if (parsed.file) {
    const problem = await unreadable(parsed.file);
    if (problem) {
      console.error(`pitstop ingest: --file: cannot read ${parsed.file}: ${problem}`);
      return 2;
    }
  } else if (process.stdin.isTTY) {
    console.error("pitstop ingest: reading JSON Lines from stdin (end with Ctrl-D)");
  }

  const input = parsed.file ? createReadStream(parsed.file, { encoding: "utf8" }) : process.stdin;
  const lines = createInterface({ input, crlfDelay: Infinity });
  // readline does not pass a read error on: stop at it, and still say what was filed before it.
  const reading = { error: null as Error | null };
  input.on("error", (error: Error) => {
    reading.error = error;
    lines.close();
  });
  try {
    const totals = await ingestIncidentLines(lines, parsed.actor, ({ line, field, message }) =>
      console.error(`line ${line}: ${field}: ${message}`),
    );
    if (reading.error) console.error(`pitstop ingest: stopped reading: ${reading.error.message}`);
    console.log(JSON.stringify(totals));
    return totals.rejected === 0 && !reading.error ? 0 : 1;
  } finally {
    await db.$disconnect();
  }
}
