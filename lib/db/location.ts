// Where the SQLite database and the app's generated secrets live. Shared by the Prisma CLI
// config, the runtime client and the scripts, so all three agree on one file.
import path from "node:path";

export function dataDirectory(): string {
  // turbopackIgnore: a run-time path, not a file for the bundler to trace into the build.
  return path.resolve(
    process.env.PITSTOP_DATA_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), "data"),
  );
}

export function databaseFile(): string {
  return process.env.PITSTOP_DB_FILE
    ? path.resolve(/* turbopackIgnore: true */ process.env.PITSTOP_DB_FILE)
    : path.join(dataDirectory(), "pitstop.db");
}
