// Gives the unit tests a fresh, migrated database of their own: SQLite in data/test-unit (unless
// vitest.config.ts was told otherwise), or, when PITSTOP_TEST_DATABASE_URL names PostgreSQL, that
// database dropped, created again and brought to PostgreSQL's migrations.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { isPostgresUrl } from "@/lib/db/kind";
import { deployOrThrow, resetPostgresDatabase } from "./postgres-database";

export default async function setup() {
  const postgres = process.env.PITSTOP_TEST_DATABASE_URL;
  if (isPostgresUrl(postgres)) {
    await resetPostgresDatabase(postgres);
    deployOrThrow(postgres);
    return;
  }
  const directory = path.resolve(process.env.PITSTOP_UNIT_DATA_DIR ?? "data/test-unit");
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: "ignore",
    env: {
      ...process.env,
      PITSTOP_DATA_DIR: directory,
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
      PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
    },
  });
}
