// Brings the database to the current schema and seeds demo data once. Run by `npm start`,
// `npm test` and `npm run prepare:db`; safe to run again (migrations and seed are idempotent).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import Database from "better-sqlite3";
import { databaseFile, dataDirectory } from "@/lib/db/location";
import { seedDemoData } from "@/lib/db/seed";
import { probeRetention } from "@/lib/probes/config";
import { backfillLikelyCauses } from "@/lib/trends/backfill";

function prisma(args: string[]) {
  const result = spawnSync("npx", ["prisma", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? "");
    throw new Error(`prisma ${args.join(" ")} failed`);
  }
}

mkdirSync(dataDirectory(), { recursive: true });
prisma(["migrate", "deploy"]);
// WAL lets readers go on while one writer writes; the setting is stored in the file itself.
const sqlite = new Database(databaseFile());
sqlite.pragma("journal_mode = WAL");
sqlite.close();

// Incidents from before Incident.likelyCause existed; a no-op once they all have one.
const backfilled = await backfillLikelyCauses();
if (backfilled > 0) console.error(`pitstop: classified ${backfilled} older incidents for trends`);
// The browser tests' database leaves the history out: their probes write their own.
const seeded = await seedDemoData({
  probeHistoryDays:
    process.env.PITSTOP_DEMO_PROBE_HISTORY === "off" ? null : probeRetention().minuteDays,
});
console.error(
  seeded
    ? `pitstop: demo data seeded into ${databaseFile()}`
    : `pitstop: database ready at ${databaseFile()}`,
);
process.exit(0);
