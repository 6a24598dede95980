// `npm start` prepares the database (scripts/prepare.ts) before serving. Another process holding
// pitstop.db open, idle (a sqlite3 shell, a long `pitstop soak` or `export`), must not keep the
// app from coming back after a crash or deploy.
import { spawn } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { onPostgres } from "@/lib/db/dialect";
import { databaseFile } from "@/lib/db/location";
import { holdDatabaseOpen } from "@/tests/support/database-holder";

type Prepared = { code: number | null; stderr: string };

function prepare(
  dataDir: string,
  onStderr: (text: string) => void = () => {},
  env: Record<string, string> = {},
) {
  return new Promise<Prepared>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
      {
        env: {
          ...process.env,
          PITSTOP_DATA_DIR: dataDir,
          PITSTOP_DEMO_PROBE_HISTORY: "off",
          PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
          PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
          ...env,
        },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      onStderr(stderr);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

async function migrationNames() {
  const entries = await readdir("prisma/migrations", { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function appliedMigrations(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite
      .prepare(
        "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1",
      )
      .all()
      .map((row) => (row as { name: string }).name);
  } finally {
    sqlite.close();
  }
}

// SQLite's start path alone: a file held open by another process. It copies the SQLite unit
// database, which a run on PostgreSQL does not make, and PostgreSQL's start has no such wait.
describe.skipIf(onPostgres())(
  "preparing the database at start while another process holds it open",
  () => {
    it("starts when every migration is applied, without waiting or running prisma migrate", async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), "pitstop-prepare-"));
      const file = path.join(dataDir, "pitstop.db");
      // A copy of the unit tests' migrated database stands for yesterday's pitstop.db.
      const migrated = new Database(databaseFile());
      migrated.exec(`VACUUM INTO '${file}'`);
      migrated.close();
      const holder = await holdDatabaseOpen(file);
      try {
        const run = await prepare(dataDir);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toMatch(/migrations are up to date/);
        expect(run.stderr).not.toMatch(/applying|waiting/);
      } finally {
        await holder.release();
      }
    }, 60_000);

    it("waits with a clear message while migrations are pending, then applies them once it is let go", async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), "pitstop-prepare-"));
      const file = path.join(dataDir, "pitstop.db");
      const holder = await holdDatabaseOpen(file);
      let told!: () => void;
      const waiting = new Promise<void>((resolve) => (told = resolve));
      const run = prepare(dataDir, (stderr) => {
        if (/another process holds .*pitstop\.db open.*waiting/s.test(stderr)) told();
      });
      try {
        await Promise.race([
          waiting,
          run.then((result) => {
            throw new Error(
              `prepare ended (exit ${result.code}) instead of waiting:\n${result.stderr}`,
            );
          }),
        ]);
      } finally {
        await holder.release();
      }
      const result = await run;
      expect(result.code, result.stderr).toBe(0);
      expect(appliedMigrations(file)).toEqual(await migrationNames());
    }, 180_000);
  },
);

describe("npm start with DATABASE_URL naming a PostgreSQL it cannot reach", () => {
  it("stops with a line naming the server, its password masked, rather than a stack trace", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "pitstop-prepare-pg-"));
    const prepared = await prepare(dataDir, undefined, {
      DATABASE_URL: "postgresql://pitstop:hunter2@127.0.0.1:1/pitstop",
      PITSTOP_SESSION_SECRET: "prepare-test-secret-prepare-test-secret-01",
      PITSTOP_ENCRYPTION_KEY: "cd".repeat(32),
    });
    expect(prepared.code).toBe(1);
    expect(prepared.stderr).toMatch(/^pitstop: cannot reach PostgreSQL at \S*127\.0\.0\.1:1\S*: /m);
    expect(prepared.stderr).not.toContain("hunter2");
    expect(prepared.stderr).not.toMatch(/\n\s+at /);
  });
});
