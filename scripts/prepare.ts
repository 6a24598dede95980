// Brings the database to the current schema and seeds demo data once. Run by `npm start`,
// `npm test` and `npm run prepare:db`; safe to run again (migrations and seed are idempotent).
import { mkdirSync } from "node:fs";
import Database from "better-sqlite3";
import { z } from "zod";
import { databaseFile, dataDirectory } from "@/lib/db/location";
import { assertSharedSecrets, databaseKind } from "@/lib/db/kind";
import { applyPendingMigrations, deployPendingPostgresMigrations } from "@/lib/db/migrations";
import { seedDemoData } from "@/lib/db/seed";
import { probeRetention } from "@/lib/probes/config";
import { backfillLikelyCauses } from "@/lib/trends/backfill";
import { seedVendorConnections } from "@/lib/vendors/seed";
import { retryScheduleFromEnv } from "@/lib/webhooks/schema";

// How long start waits for another process to let go of the database before giving up.
const waitSeconds = z.coerce
  .number({ error: "PITSTOP_DB_WAIT_S must be a number of seconds" })
  .int("PITSTOP_DB_WAIT_S must be whole seconds")
  .min(0, "PITSTOP_DB_WAIT_S must be at least 0")
  .default(300)
  .safeParse(process.env.PITSTOP_DB_WAIT_S || undefined);
if (!waitSeconds.success) {
  console.error(`pitstop: ${waitSeconds.error.issues[0]?.message}`);
  process.exit(2);
}

// The app server would otherwise start and answer 500 to everything (instrumentation throws).
try {
  retryScheduleFromEnv();
} catch (error) {
  console.error(`pitstop: ${(error as Error).message}`);
  process.exit(2);
}

const onPostgres = databaseKind() === "postgresql";
if (onPostgres) {
  // Two instances with their own generated keys would reject each other's sessions and secrets.
  try {
    assertSharedSecrets();
  } catch (error) {
    console.error(`pitstop: ${(error as Error).message}`);
    process.exit(2);
  }
  const deployed = await deployPendingPostgresMigrations(process.env.DATABASE_URL!);
  if (!deployed.ok) {
    console.error(`pitstop: ${deployed.problem}`);
    process.exit(1);
  }
  console.error(
    deployed.applied.length === 0
      ? "pitstop: migrations are up to date"
      : `pitstop: applied ${deployed.applied.length} migration(s): ${deployed.applied.join(", ")}`,
  );
} else {
  mkdirSync(dataDirectory(), { recursive: true });
  try {
    const applied = await applyPendingMigrations(databaseFile(), {
      waitMs: waitSeconds.data * 1000,
      log: (line) => console.error(line),
    });
    if (applied.length === 0) console.error("pitstop: migrations are up to date");
  } catch (error) {
    console.error(`pitstop: ${(error as Error).message}`);
    process.exit(1);
  }
  // WAL lets readers go on while one writer writes; the setting is stored in the file itself.
  const sqlite = new Database(databaseFile());
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}

// Incidents from before Incident.likelyCause existed; a no-op once they all have one.
const backfilled = await backfillLikelyCauses();
if (backfilled > 0) console.error(`pitstop: classified ${backfilled} older incidents for trends`);
// The browser tests' database leaves the history out: their probes write their own.
const seeded = await seedDemoData({
  probeHistoryDays:
    process.env.PITSTOP_DEMO_PROBE_HISTORY === "off" ? null : probeRetention().minuteDays,
});
// Apart from the demo flag: a database seeded before vendor connections existed gets them too.
// Reading the encryption key here also stops start on a malformed PITSTOP_ENCRYPTION_KEY.
try {
  const connections = await seedVendorConnections();
  if (connections.length > 0)
    console.error(`pitstop: vendor connections added: ${connections.join(", ")}`);
} catch (error) {
  console.error(`pitstop: ${(error as Error).message}`);
  process.exit(2);
}
const where = onPostgres ? "PostgreSQL (DATABASE_URL)" : databaseFile();
console.error(
  seeded ? `pitstop: demo data seeded into ${where}` : `pitstop: database ready at ${where}`,
);
process.exit(0);
