import "server-only";
// `pitstop migrate-data --to postgresql://…`: moves this install's SQLite data into PostgreSQL.
// README.md ("PostgreSQL") says when to run it and how to start Pitstop on the target after.
import { existsSync } from "node:fs";
import { z } from "zod";
import { createSqliteClient } from "@/lib/db/client";
import { countsTable, moveToPostgres, secretsToCarry } from "@/lib/db/data-move";
import { databaseKind, isPostgresUrl } from "@/lib/db/kind";
import { databaseFile } from "@/lib/db/location";
import { pendingMigrations } from "@/lib/db/migrations";
import { parseFlags, refuseArguments } from "./arguments";

export const MIGRATE_DATA_USAGE = `usage: pitstop migrate-data --to postgresql://USER@HOST:PORT/DATABASE [--batch-size N] [--replace]

Copies every row of the local SQLite database (pitstop.db in PITSTOP_DATA_DIR) into PostgreSQL:
deploys PostgreSQL's migrations there, copies table by table in batches (each batch one
transaction), lets PostgreSQL's triggers rebuild the trend roll-ups, and prints each table's
count on both sides. Stop the app first. Stopped half-way, run it again: it continues.
  --to URL          the target database (postgresql:// or postgres://); it must exist
  --batch-size N    rows per batch and transaction (1 to 10000, default 1000)
  --replace         delete every Pitstop row the target holds first (otherwise a target with
                    rows of its own is refused)

Exit status: 0 moved and every count matches, 1 the move failed or a count differs, 2 bad
arguments, 3 the target holds other data.`;

const migrateDataArgsSchema = z.object({
  to: z
    .string({ error: "give the target: pitstop migrate-data --to postgresql://…" })
    .trim()
    .refine(isPostgresUrl, { error: "must be a postgresql:// or postgres:// URL" })
    .refine((url) => URL.canParse(url) && new URL(url).pathname.length > 1, {
      error: "must be a URL naming a database, e.g. postgresql://pitstop@127.0.0.1:5432/pitstop",
    }),
  "batch-size": z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(10_000, { error: "must be at most 10000" })
    .default(1_000),
  replace: z.boolean().default(false),
});

export async function runMigrateDataCommand(args: string[]): Promise<number> {
  if (args[0] === "--help" || args[0] === "-h") {
    console.log(MIGRATE_DATA_USAGE);
    return 0;
  }
  const parsed = parseFlags(
    args,
    { to: { type: "string" }, "batch-size": { type: "string" }, replace: { type: "boolean" } },
    migrateDataArgsSchema,
  );
  if (!parsed.ok) return refuseArguments("migrate-data", parsed.errors);
  let sourceKind;
  try {
    sourceKind = databaseKind();
  } catch (error) {
    return refuseArguments("migrate-data", [(error as Error).message]);
  }
  if (sourceKind !== "sqlite") {
    return refuseArguments("migrate-data", [
      "DATABASE_URL names PostgreSQL; the data moves from the SQLite file, so unset DATABASE_URL (PITSTOP_DATA_DIR picks the file)",
    ]);
  }
  const file = databaseFile();
  if (!existsSync(file))
    return refuseArguments("migrate-data", [`no SQLite database at ${file} (PITSTOP_DATA_DIR)`]);
  const pending = pendingMigrations(file);
  if (pending.length > 0) {
    console.error(
      `pitstop migrate-data: ${file} lacks migrations ${pending.join(", ")}; start Pitstop on it once (npm run prepare:db) and run this again`,
    );
    return 1;
  }

  const { to, "batch-size": batchSize, replace } = parsed.value;
  const source = createSqliteClient(file);
  const started = performance.now();
  try {
    const outcome = await moveToPostgres({
      source,
      sourceName: file,
      targetUrl: to,
      batchSize,
      replace,
      log: (line) => console.error(`pitstop migrate-data: ${line}`),
    });
    if (outcome.kind === "refused") {
      console.error(`pitstop migrate-data: ${outcome.reason}`);
      return 3;
    }
    console.log(countsTable(outcome.counts));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (outcome.mismatched.length > 0) {
      console.error(
        `pitstop migrate-data: counts differ for ${outcome.mismatched.join(", ")} (${seconds} s); was the app still writing? Stop it and run this again`,
      );
      return 1;
    }
    console.error(`pitstop migrate-data: every table matches (${seconds} s).`);
    console.error("Start Pitstop on PostgreSQL with DATABASE_URL set to the target and:");
    for (const secret of secretsToCarry()) console.error(`  ${secret.instruction}`);
    return 0;
  } catch (error) {
    console.error(`pitstop migrate-data: ${(error as Error).message}`);
    console.error("(run it again to continue from the last committed batch)");
    return 1;
  } finally {
    await source.$disconnect();
  }
}
