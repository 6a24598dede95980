import "server-only";
// Online backup of the SQLite database with SQLite's backup API (better-sqlite3's db.backup()):
// a consistent copy while the app and other processes keep writing.
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "./location";

// Copying every page in one step reads one snapshot. Stepping in small batches would restart
// from scratch whenever another process writes, and under steady writes might never finish.
const ALL_PAGES = 0x7fffffff;
const BUSY_TIMEOUT_MS = 5_000;

export type BackupResult = { file: string; pages: number; bytes: number; integrity: string };

/**
 * Writes a copy of the database to `file` (a new file, written under a temporary name and then
 * renamed, so a copy cut short never looks complete). The copy is one self-contained file
 * (rollback journal, no write-ahead log beside it) and has passed PRAGMA integrity_check.
 */
export async function backupDatabase(file: string, source = databaseFile()): Promise<BackupResult> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const sqlite = new Database(source, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const progress = await sqlite.backup(temporary, { progress: () => ALL_PAGES });
    const copy = new Database(temporary, { timeout: BUSY_TIMEOUT_MS });
    let integrity: string;
    try {
      copy.pragma("journal_mode = DELETE");
      integrity = String(copy.pragma("integrity_check", { simple: true }));
    } finally {
      copy.close();
    }
    if (integrity !== "ok") throw new Error(`the copy failed PRAGMA integrity_check: ${integrity}`);
    await rename(temporary, file);
    const pageSize = Number(sqlite.pragma("page_size", { simple: true }));
    return { file, pages: progress.totalPages, bytes: progress.totalPages * pageSize, integrity };
  } finally {
    sqlite.close();
    await rm(temporary, { force: true });
  }
}
