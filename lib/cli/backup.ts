import "server-only";
// `pitstop backup --out FILE`: a consistent online copy of the local database, taken while the
// app keeps running. README.md ("Backups") says how to restore one.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { backupDatabase } from "@/lib/db/backup";
import { databaseKind } from "@/lib/db/kind";
import { parseFlags, refuseArguments } from "./arguments";
import { fromInvocationDir } from "./ingest";

export const BACKUP_USAGE = `usage: pitstop backup --out FILE

Copies the local database (pitstop.db in PITSTOP_DATA_DIR) into FILE with SQLite's online
backup API while the app keeps running, checks the copy's integrity and prints its path.
On PostgreSQL (DATABASE_URL=postgresql://…) use pg_dump instead.
  --out FILE    the new file (relative to the current directory); an existing file is never overwritten

Exit status: 0 written, 1 the copy failed, 2 bad arguments or a PostgreSQL install.`;

const backupArgsSchema = z.object({
  out: z
    .string({ error: "give a file: pitstop backup --out FILE" })
    .trim()
    .min(1, { error: "give a file: pitstop backup --out FILE" })
    .transform(fromInvocationDir)
    .refine((file) => !existsSync(file), {
      error: (issue) => `${issue.input} already exists; choose a new file`,
    }),
});

export async function runBackupCommand(args: string[]): Promise<number> {
  if (args[0] === "--help" || args[0] === "-h") {
    console.log(BACKUP_USAGE);
    return 0;
  }
  if (databaseKind() === "postgresql") {
    console.error(
      'pitstop backup: this install runs on PostgreSQL (DATABASE_URL), and pitstop backup copies SQLite\'s file; back PostgreSQL up with its own tools: pg_dump -Fc "$DATABASE_URL" > pitstop.dump (README.md, "Backups")',
    );
    return 2;
  }
  const parsed = parseFlags(args, { out: { type: "string" } }, backupArgsSchema);
  if (!parsed.ok) return refuseArguments("backup", parsed.errors);
  const file = parsed.value.out;
  const started = performance.now();
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const copy = await backupDatabase(file);
    console.error(
      `pitstop backup: ${copy.pages} pages (${(copy.bytes / 2 ** 20).toFixed(1)} MiB) copied in ${Math.round(performance.now() - started)} ms; integrity ${copy.integrity}`,
    );
    console.log(copy.file);
    return 0;
  } catch (error) {
    console.error(`pitstop backup: ${(error as Error).message}`);
    return 1;
  }
}
