import "server-only";
// Applies the committed Prisma migrations at start, only when some are pending: starting prisma's
// CLI costs seconds even when it has nothing to do. prisma migrate deploy takes SQLite's exclusive
// lock, which any other open connection (a sqlite3 shell, a long `pitstop soak`) denies at once;
// so start waits for the holder instead of failing.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { maskUrl } from "@/lib/security/secrets";

const MIGRATIONS_DIR = path.join("prisma", "migrations");
const POSTGRES_MIGRATIONS_DIR = path.join("prisma", "postgresql", "migrations");
const RETRY_EVERY_MS = 2_000;
const REMIND_EVERY_MS = 30_000;

export function committedMigrations(directory = MIGRATIONS_DIR): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .filter((entry) => existsSync(path.join(directory, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

type MigrationRow = { name: string; done: boolean; rolledBack: boolean };
const MIGRATION_ROWS_SQL =
  'SELECT migration_name AS "name", finished_at IS NOT NULL AND rolled_back_at IS NULL AS "done", rolled_back_at IS NOT NULL AS "rolledBack" FROM _prisma_migrations';

/** Those not applied, plus a failed one (which deploy then reports). */
function pendingOf(committed: string[], rows: MigrationRow[]): string[] {
  const applied = new Set(rows.filter((row) => row.done).map((row) => row.name));
  const failed = rows.filter((row) => !row.done && !row.rolledBack).map((row) => row.name);
  return [...new Set([...committed.filter((name) => !applied.has(name)), ...failed])].sort();
}

/**
 * Migrations prisma migrate deploy would act on. Reading needs no lock in WAL mode, so a holder
 * does not get in the way.
 */
export function pendingMigrations(file: string, directory = MIGRATIONS_DIR): string[] {
  const committed = committedMigrations(directory);
  if (!existsSync(file)) return committed;
  const sqlite = new Database(file, { readonly: true, timeout: 5_000 });
  try {
    const table = sqlite
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!table) return committed;
    const rows = sqlite.prepare(MIGRATION_ROWS_SQL).all() as {
      name: string;
      done: number;
      rolledBack: number;
    }[];
    return pendingOf(
      committed,
      rows.map((row) => ({ ...row, done: row.done === 1, rolledBack: row.rolledBack === 1 })),
    );
  } finally {
    sqlite.close();
  }
}

/** pendingMigrations for the PostgreSQL database at `url`. */
export async function pendingPostgresMigrations(
  url: string,
  directory = POSTGRES_MIGRATIONS_DIR,
): Promise<string[]> {
  const committed = committedMigrations(directory);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string | null }>(
      "SELECT to_regclass('_prisma_migrations')::text AS \"table\"",
    );
    if (!rows[0]?.table) return committed;
    return pendingOf(committed, (await client.query<MigrationRow>(MIGRATION_ROWS_SQL)).rows);
  } finally {
    await client.end();
  }
}

/** Whether another connection holds the file open, which denies prisma its exclusive lock. */
export function heldByAnotherProcess(file: string): boolean {
  if (!existsSync(file)) return false;
  const sqlite = new Database(file, { timeout: 0 });
  try {
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.exec("BEGIN EXCLUSIVE");
    sqlite.exec("COMMIT");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
    throw error;
  } finally {
    sqlite.close();
  }
}

function migrateDeploy(): { ok: boolean; output: string } {
  const result = spawnSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

/**
 * Brings the PostgreSQL database at `url` to prisma/postgresql/migrations. PostgreSQL needs no
 * waiting here: migrate deploy takes an advisory lock, so instances starting at once queue.
 */
export function deployPostgresMigrations(url: string): { ok: boolean; output: string } {
  const result = spawnSync(
    "npx",
    [
      "prisma",
      "migrate",
      "deploy",
      "--config",
      path.join("prisma", "postgresql", "prisma.config.ts"),
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      // Prisma's CLI checks for native engines it never runs here (ENVIRONMENT.md).
      env: {
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
        PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
        ...process.env,
        DATABASE_URL: url,
      },
    },
  );
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

/**
 * deployPostgresMigrations when some are pending; `applied` names them. Instances starting at
 * once may all find some pending: prisma's advisory lock then queues their deploys.
 */
export async function deployPendingPostgresMigrations(
  url: string,
): Promise<{ ok: true; applied: string[] } | { ok: false; problem: string }> {
  let pending: string[];
  try {
    pending = await pendingPostgresMigrations(url);
  } catch (error) {
    return {
      ok: false,
      problem: `cannot reach PostgreSQL at ${maskUrl(url)}: ${(error as Error).message}`,
    };
  }
  if (pending.length === 0) return { ok: true, applied: [] };
  const deployed = deployPostgresMigrations(url);
  return deployed.ok
    ? { ok: true, applied: pending }
    : { ok: false, problem: `prisma migrate deploy failed:\n${deployed.output}` };
}

/**
 * Brings `file` to the committed schema. Returns what it applied; throws when prisma fails for
 * a reason other than the file being held, or when it stays held past `waitMs`.
 */
export async function applyPendingMigrations(
  file: string,
  { waitMs, log }: { waitMs: number; log: (line: string) => void },
): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  let remindAt = 0;
  for (;;) {
    const pending = pendingMigrations(file);
    if (pending.length === 0) return [];
    if (heldByAnotherProcess(file)) {
      if (Date.now() >= deadline) {
        throw new Error(
          `${file} stayed held open by another process for ${Math.round(waitMs / 1000)} s; close it (a sqlite3 shell, pitstop soak or export) and start again`,
        );
      }
      if (Date.now() >= remindAt) {
        log(
          `pitstop: ${pending.length} migration(s) to apply, but another process holds ${file} open (a sqlite3 shell, pitstop soak or export?); waiting for it to close (up to ${Math.round((deadline - Date.now()) / 1000)} s more)…`,
        );
        remindAt = Date.now() + REMIND_EVERY_MS;
      }
      await sleep(RETRY_EVERY_MS);
      continue;
    }
    log(`pitstop: applying ${pending.length} migration(s): ${pending.join(", ")}`);
    const deployed = migrateDeploy();
    // Someone may have opened the file between the check and prisma's lock: wait again.
    if (deployed.ok) return pending;
    if (!heldByAnotherProcess(file))
      throw new Error(`prisma migrate deploy failed:\n${deployed.output}`);
  }
}
