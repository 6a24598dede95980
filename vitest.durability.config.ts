// The durability suite (kill -9, concurrent writers) against `next start` from the build npm
// test made, with a database of its own under data/test-durability.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const dataDir = process.env.PITSTOP_DURABILITY_DATA_DIR ?? path.join(root, "data/test-durability");
// The unit tests' global setup makes a fresh migrated database wherever this names.
process.env.PITSTOP_UNIT_DATA_DIR = dataDir;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/durability/**/*.test.ts"],
    globalSetup: ["tests/support/unit-database.ts"],
    env: {
      PITSTOP_DATA_DIR: dataDir,
      PITSTOP_SESSION_SECRET: "durability-secret-durability-secret-0123456789",
    },
    // The suites share one app port and one database: one file at a time.
    fileParallelism: false,
    testTimeout: 540_000,
    hookTimeout: 120_000,
  },
});
