// The driver adapter `prisma migrate` uses on PostgreSQL (prisma/postgresql/prisma.config.ts).
// @prisma/adapter-pg 6.19 has two faults that only the schema engine meets, each worked around
// here rather than by a migration applier of our own, so `_prisma_migrations` and
// `prisma migrate status` stay Prisma's:
// - the engine reads the catalog's `name` and `"char"` columns, which the adapter refuses
//   ("Column type 'name' could not be deserialized", prisma/orm#27403): reported as text here;
// - executeScript splits a migration on every ";", breaking plpgsql bodies and running the
//   pieces outside one transaction: here the script goes to the server whole, as one
//   simple-protocol query, which PostgreSQL runs as one implicit transaction.
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlMigrationAwareDriverAdapterFactory,
  SqlDriverAdapter,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { isPostgresUrl } from "./kind";

const CATALOG_TYPES_READ_AS_TEXT = new Set([18 /* "char" */, 19 /* name */]);
const TEXT = 25;

class CatalogAsTextPool extends pg.Pool {
  // pg's overloads cannot be restated in a subclass; every call shape returns a result here.
  query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => Promise<pg.QueryResult> | void)(...args);
    if (!(result instanceof Promise)) return result as never;
    return result.then((answer) => {
      for (const field of answer?.fields ?? []) {
        if (CATALOG_TYPES_READ_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT;
      }
      return answer;
    }) as never;
  }
}

function wholeScripts(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === "executeScript") {
        return async (script: string) => {
          await pool.query(script);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function postgresMigrationAdapter(
  connectionString: string | undefined,
): SqlMigrationAwareDriverAdapterFactory {
  const pool = new CatalogAsTextPool({ connectionString });
  const factory = new PrismaPg(pool);
  const connectable = () => {
    if (!isPostgresUrl(connectionString)) {
      throw new Error("DATABASE_URL must be a postgresql:// URL to migrate PostgreSQL");
    }
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      connectable();
      return wholeScripts(await factory.connect(), pool);
    },
    connectToShadowDb: async () => {
      connectable();
      return factory.connectToShadowDb();
    },
  };
}
