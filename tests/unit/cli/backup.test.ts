import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { onPostgres } from "@/lib/db/dialect";
import { pitstop } from "./support";

const user = (label: string) => ({
  email: `backup-${label}-${crypto.randomUUID()}@pitstop.test`,
  name: `backup ${label}`,
  role: "sre",
  passwordHash: "unused",
});

// pitstop backup copies the SQLite file through SQLite's backup API; a PostgreSQL database is
// backed up with PostgreSQL's own tools (README.md, "PostgreSQL").
describe.skipIf(onPostgres())("pitstop backup", () => {
  it("copies a consistent database while writes go on, holding every row acknowledged before it began", async () => {
    const before: string[] = [];
    for (let i = 0; i < 300; i++) before.push((await db.user.create({ data: user("before") })).id);

    let writing = true;
    let writtenDuring = 0;
    const writer = (async () => {
      while (writing) {
        await db.user.create({ data: user("during") });
        writtenDuring++;
        // better-sqlite3 answers synchronously: yield so the backup process's exit is noticed.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const caller = await mkdtemp(path.join(tmpdir(), "pitstop-cli-backup-"));
    const run = await pitstop(["backup", "--out", "copies/pitstop-backup.db"], { cwd: caller });
    writing = false;
    await writer;

    expect(run.code, run.stderr).toBe(0);
    const file = path.join(caller, "copies", "pitstop-backup.db");
    expect(run.stdout.trim()).toBe(file);
    expect(writtenDuring).toBeGreaterThan(0);
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      // One self-contained file: no write-ahead log needed beside it to restore.
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
      const present = new Set(
        copy
          .prepare("SELECT id FROM User WHERE name = 'backup before'")
          .all()
          .map((row) => (row as { id: string }).id),
      );
      expect(before.filter((id) => !present.has(id))).toEqual([]);
    } finally {
      copy.close();
    }
  }, 60_000);

  it.each([
    { args: [], error: /pitstop backup: --out: give a file/ },
    { args: ["--out", " "], error: /pitstop backup: --out: give a file/ },
    { args: ["--out", "x.db", "--fast"], error: /pitstop backup: .*--fast/ },
  ])("refuses $args naming the flag, with exit 2", async ({ args, error }) => {
    const run = await pitstop(["backup", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(error);
  });

  it("never overwrites an existing file", async () => {
    const caller = await mkdtemp(path.join(tmpdir(), "pitstop-cli-backup-"));
    await writeFile(path.join(caller, "keep.db"), "precious");
    const run = await pitstop(["backup", "--out", "keep.db"], { cwd: caller });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pitstop backup: --out: .*keep\.db already exists/);
  });
});

describe("pitstop backup on a PostgreSQL install", () => {
  it("refuses, naming PostgreSQL's own tools, rather than failing to open a SQLite file", async () => {
    const caller = await mkdtemp(path.join(tmpdir(), "pitstop-cli-backup-pg-"));
    const run = await pitstop(["backup", "--out", "copy.db"], {
      cwd: caller,
      env: {
        DATABASE_URL: "postgresql://pitstop@127.0.0.1:1/pitstop",
        PITSTOP_SESSION_SECRET: "backup-test-secret-backup-test-secret-0123",
        PITSTOP_ENCRYPTION_KEY: "ab".repeat(32),
      },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pitstop backup: .*PostgreSQL.*pg_dump -Fc/);
    expect(existsSync(path.join(caller, "copy.db"))).toBe(false);
  });
});
