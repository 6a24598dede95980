// Gives the unit tests a fresh, migrated SQLite database of their own (data/test-unit unless
// vitest.config.ts was told otherwise).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export default function setup() {
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
