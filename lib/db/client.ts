import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";
import { databaseKind } from "./kind";
import { databaseFile } from "./location";
import { serializeSqliteAdapter } from "./serialized-adapter";

export { Prisma } from "./generated/client";
export type { PrismaClient } from "./generated/client";

/** A write refused because a row with the same unique key exists (Prisma's P2002). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

// How long a statement waits for another process's write lock before giving up.
const BUSY_TIMEOUT_MS = 5_000;
// Transactions queue for the one connection; under a burst of writes the wait can exceed
// Prisma's 2 s default for starting one, which would fail writes that only had to wait.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 20_000 };

/** A client on the SQLite file `file` (the configured one unless told), one connection. */
export function createSqliteClient(file: string = databaseFile()): PrismaClient {
  const adapter = serializeSqliteAdapter(
    new PrismaBetterSQLite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS }),
  );
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
}

/**
 * Typed as the SQLite client on purpose: both are generated from one schema (a test keeps
 * prisma/postgresql/schema.prisma identical but for the provider), so they have the same models,
 * and the SQLite client's types leave out PostgreSQL-only query options that code written
 * for both databases must not use.
 */
export function createPostgresClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url });
  return new PostgresPrismaClient({
    adapter,
    transactionOptions: TRANSACTION_OPTIONS,
  }) as unknown as PrismaClient;
}

function createPrismaClient(): PrismaClient {
  return databaseKind() === "postgresql"
    ? createPostgresClient(process.env.DATABASE_URL!)
    : createSqliteClient();
}

const globalForPrisma = globalThis as unknown as { pitstopPrisma?: PrismaClient };

/**
 * The process-wide Prisma client: on SQLite one connection (WAL mode set by prepare), on
 * PostgreSQL a pool. Kept on globalThis in production too: Next.js bundles instrumentation,
 * route handlers and pages separately, and each would otherwise open its own connection(s). Two
 * SQLite connections in one thread deadlock: SQLite's busy wait blocks the event loop that the
 * lock holder needs to commit.
 */
export const db: PrismaClient = (globalForPrisma.pitstopPrisma ??= createPrismaClient());
