// The database a bench group measures, as the environment names it (DATABASE_URL for
// PostgreSQL, else the SQLite file under PITSTOP_DATA_DIR): migrated by scripts/prepare.ts as
// `npm start` migrates it, then seeded and read by bare SQL through its own driver
// (better-sqlite3 or pg), so seeds and peers bypass the app and Prisma.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { SignJWT } from "jose";
import pg from "pg";
import { insertJsonRows } from "@/lib/db/dialect";
import { Prisma } from "@/lib/db/generated/client";
import { databaseKind, type DatabaseKind } from "@/lib/db/kind";
import { databaseFile } from "@/lib/db/location";
import { sqliteTime } from "@/lib/db/sqlite-time";
import { BENCH_SECRET, freshDataDirectory } from "./support";

type Cell = string | number | boolean | null | Date;

// Rows per INSERT: one JSON parameter of a few megabytes, well inside both databases' limits.
const INSERT_BATCH_ROWS = 2_000;

export type BenchDatabase = {
  kind: DatabaseKind;
  /** Runs one statement and answers its rows (none for a write). */
  query<Row>(statement: Prisma.Sql): Promise<Row[]>;
  /** Runs `work` in one transaction on this connection. */
  transaction(work: () => Promise<void>): Promise<void>;
  /**
   * After a bulk load, the state a database left to itself reaches within minutes: fresh planner
   * statistics and, on PostgreSQL, the visibility map autovacuum sets, without which counts and
   * index-only scans read the table itself (a count over a million rows took 283 ms, 119 after).
   */
  analyze(): Promise<void>;
  close(): Promise<void>;
};

function openSqlite(): BenchDatabase {
  const sqlite = new Database(databaseFile());
  sqlite.pragma("busy_timeout = 5000");
  const bind = (value: unknown) =>
    value instanceof Date ? sqliteTime(value) : typeof value === "boolean" ? Number(value) : value;
  return {
    kind: "sqlite",
    async query<Row>(statement: Prisma.Sql) {
      const prepared = sqlite.prepare(statement.sql);
      const values = statement.values.map(bind);
      if (prepared.reader) return prepared.all(...values) as Row[];
      prepared.run(...values);
      return [];
    },
    async transaction(work) {
      sqlite.exec("BEGIN IMMEDIATE");
      try {
        await work();
        sqlite.exec("COMMIT");
      } catch (error) {
        sqlite.exec("ROLLBACK");
        throw error;
      }
    },
    async analyze() {
      sqlite.pragma("optimize");
    },
    async close() {
      sqlite.close();
    },
  };
}

async function openPostgres(url: string): Promise<BenchDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Timestamps are stored without a zone, as UTC: an ISO string keeps pg from writing local time.
  const bind = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  const query = async <Row>(statement: Prisma.Sql) =>
    (await client.query(statement.text, statement.values.map(bind))).rows as Row[];
  return {
    kind: "postgresql",
    query,
    async transaction(work) {
      await client.query("BEGIN");
      try {
        await work();
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async analyze() {
      await client.query("VACUUM ANALYZE");
    },
    async close() {
      await client.end();
    },
  };
}

/**
 * How many samples a default group takes: half on PostgreSQL, whose pass comes on top of
 * SQLite's and would otherwise push `npm run bench` past its 10-minute budget.
 */
export const sampleCount = (onSqlite: number): number =>
  databaseKind() === "postgresql" ? Math.ceil(onSqlite / 2) : onSqlite;

/** The database this process's environment names, opened through its bare driver. */
export const openBenchDatabase = (): Promise<BenchDatabase> =>
  databaseKind() === "postgresql"
    ? openPostgres(process.env.DATABASE_URL!)
    : Promise.resolve(openSqlite());

/**
 * Writes `rows` into `table` a few thousand at a time with the statement the app's batch insert
 * uses (insertJsonRows), so triggers and search indexes stay live as they would in production.
 * Each INSERT commits on its own unless the caller holds a transaction.
 */
export async function insertRows(
  database: BenchDatabase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly Cell[]>,
): Promise<number> {
  let batch: (readonly Cell[])[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await database.query(insertJsonRows(table, columns, batch));
    written += batch.length;
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length === INSERT_BATCH_ROWS) await flush();
  }
  await flush();
  return written;
}

/** Migrates (and seeds) the database as `npm start` would, with the environment as it is. */
export const prepareDatabase = () =>
  execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
    { stdio: ["ignore", "ignore", "inherit"], env: process.env },
  );

/**
 * A fresh database for group `name`: a new SQLite file, or on PostgreSQL the empty database the
 * run was given (a throwaway cluster's), migrated. The data directory still holds what the app
 * keeps beside its database.
 */
export function freshDatabase(name: string): string {
  const directory = freshDataDirectory(databaseKind() === "postgresql" ? `${name}-pg` : name);
  process.env.PITSTOP_DATA_DIR = directory;
  prepareDatabase();
  return directory;
}

/** A session cookie for a new admin in this database, signed as the app would sign it. */
export async function adminSessionCookie(database: BenchDatabase): Promise<string> {
  const userId = `bench-${randomBytes(6).toString("hex")}`;
  const sessionId = randomBytes(18).toString("base64url");
  const now = new Date();
  const expires = new Date(now.getTime() + 3_600_000);
  await database.query(Prisma.sql`INSERT INTO "User" (id, email, name, role, "passwordHash",
      "passwordChangedAt", "createdAt", "updatedAt")
    VALUES (${userId}, ${`${userId}@bench.test`}, 'Bench', 'admin', 'x',
      ${new Date(now.getTime() - 60_000)}, ${now}, ${now})`);
  await database.query(Prisma.sql`INSERT INTO "Session" (id, "userId", "createdAt", "expiresAt")
    VALUES (${sessionId}, ${userId}, ${now}, ${expires})`);
  const token = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuer("pitstop")
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(BENCH_SECRET));
  return `pitstop_session=${token}`;
}
