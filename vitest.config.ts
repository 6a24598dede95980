import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
// Overridable so two checkouts' test runs on one machine do not share (and wipe) one database.
const unitDataDir = process.env.PITSTOP_UNIT_DATA_DIR ?? path.join(root, "data/test-unit");
process.env.PITSTOP_UNIT_DATA_DIR = unitDataDir;
// PITSTOP_TEST_DATABASE_URL=postgresql://… runs the suite on that PostgreSQL database (dropped and
// migrated afresh by tests/support/unit-database.ts); otherwise on SQLite, whatever DATABASE_URL
// the shell has.
const testDatabaseUrl = process.env.PITSTOP_TEST_DATABASE_URL;
const onPostgres = /^postgres(ql)?:\/\//.test(testDatabaseUrl ?? "");

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // lib/ marks database code "server-only"; tests are the server, so the guard is a no-op here.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    globalSetup: ["tests/support/unit-database.ts"],
    env: {
      PITSTOP_DATA_DIR: unitDataDir,
      PITSTOP_SESSION_SECRET: "unit-test-secret-unit-test-secret-0123456789",
      DATABASE_URL: onPostgres ? testDatabaseUrl! : "",
      // PostgreSQL generates no key into a data directory; SQLite's tests keep generating theirs.
      ...(onPostgres
        ? { PITSTOP_ENCRYPTION_KEY: "dW5pdC10ZXN0LWtleS11bml0LXRlc3Qta2V5LTAxMjM=" }
        : {}),
    },
    // One database is shared by the database tests; run files one at a time.
    fileParallelism: false,
    testTimeout: 20_000,
  },
});
