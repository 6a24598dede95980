// One SQLite connection per process is shared by every Prisma query. The stock adapter lets a
// plain query run on that connection while an interactive transaction is open, which silently
// makes it part of that transaction (and loses it on rollback). This wrapper queues every
// statement behind open transactions, and opens transactions with BEGIN IMMEDIATE so a writer
// in another process (CLI, seed, bench) waits on busy_timeout instead of failing mid-way.
import { Mutex } from "async-mutex";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: SqlDriverAdapter;
  readonly #connection = new Mutex();

  constructor(inner: SqlDriverAdapter) {
    this.#inner = inner;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery) {
    return this.#connection.runExclusive(() => this.#inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery) {
    return this.#connection.runExclusive(() => this.#inner.executeRaw(query));
  }

  executeScript(script: string) {
    return this.#connection.runExclusive(() => this.#inner.executeScript(script));
  }

  async startTransaction(): Promise<Transaction> {
    const release = await this.#connection.acquire();
    try {
      await this.#inner.executeRaw(statement("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    const inner = this.#inner;
    // Prisma sends COMMIT / ROLLBACK itself (usePhantomQuery: false); commit() and rollback()
    // only hand the connection back.
    return {
      provider: "sqlite",
      adapterName: this.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: (query) => inner.queryRaw(query),
      executeRaw: (query) => inner.executeRaw(query),
      commit: async () => release(),
      rollback: async () => release(),
    };
  }

  getConnectionInfo() {
    return this.#inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose() {
    return this.#inner.dispose();
  }
}

export function serializeSqliteAdapter(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => new SerializedSqliteAdapter(await factory.connect()),
    connectToShadowDb: async () => new SerializedSqliteAdapter(await factory.connectToShadowDb()),
  };
}
