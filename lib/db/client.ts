import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "./generated/client";
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

function createPrismaClient(): PrismaClient {
  const adapter = serializeSqliteAdapter(
    new PrismaBetterSQLite3({ url: `file:${databaseFile()}`, timeout: BUSY_TIMEOUT_MS }),
  );
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
}

const globalForPrisma = globalThis as unknown as { pitstopPrisma?: PrismaClient };

/**
 * The process-wide Prisma client (one SQLite connection, WAL mode set by prepare). Kept on
 * globalThis in production too: Next.js bundles instrumentation, route handlers and pages
 * separately, and each would otherwise open its own connection. Two connections in one thread
 * deadlock: SQLite's busy wait blocks the event loop that the lock holder needs to commit.
 */
export const db: PrismaClient = (globalForPrisma.pitstopPrisma ??= createPrismaClient());
