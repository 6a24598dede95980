// The pg. figures: a bench group run again on PostgreSQL. A throwaway cluster
// (scripts/postgres-cluster.mjs) holds the database, migrated by the same prepare.ts as SQLite's;
// the group runs in a child process because the app's Prisma client is chosen once per process,
// by DATABASE_URL. The cluster is stopped when the pass ends, however it ends.
import { randomBytes } from "node:crypto";
import { isPostgresUrl } from "@/lib/db/kind";
import { startThrowawayCluster } from "../scripts/postgres-cluster.mjs";
import { benchInChild } from "./child";
import { BENCH_SECRET, log } from "./support";

/** Set on the child process only: the PostgreSQL database it measures. */
const PASS_DATABASE_VARIABLE = "PITSTOP_BENCH_POSTGRES_URL";

/**
 * Runs `npm run bench <args>` again on a throwaway PostgreSQL cluster and answers its figures
 * keyed pg.<key>; none, with one line saying why, when PostgreSQL is not installed.
 */
export async function onPostgres(
  group: string,
  args: readonly string[],
): Promise<Record<string, number>> {
  const cluster = await startThrowawayCluster("pitstop_bench");
  if (!cluster.url) {
    log(`${group}: pg. keys skipped: ${cluster.problem}`);
    return {};
  }
  // Ctrl-C or a stop skips the finally below; the cluster would outlive the run.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    cluster.stop();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stopOnSignal).once("SIGTERM", stopOnSignal);
  try {
    log(`${group}: again on PostgreSQL (a throwaway cluster)`);
    const figures = await benchInChild(args, { [PASS_DATABASE_VARIABLE]: cluster.url });
    return Object.fromEntries(Object.entries(figures).map(([key, value]) => [`pg.${key}`, value]));
  } finally {
    process.off("SIGINT", stopOnSignal).off("SIGTERM", stopOnSignal);
    cluster.stop();
  }
}

/**
 * Points this process at its database: in a PostgreSQL pass the cluster's, with the shared
 * secrets PostgreSQL requires (lib/db/kind.ts); otherwise SQLite, whatever DATABASE_URL the
 * shell had, so the unprefixed figures are always SQLite's. Answers whether this is a pass.
 */
export function choosePassDatabase(): boolean {
  const url = process.env[PASS_DATABASE_VARIABLE];
  if (url === undefined) {
    delete process.env.DATABASE_URL;
    return false;
  }
  if (!isPostgresUrl(url)) throw new Error(`${PASS_DATABASE_VARIABLE} must be a postgresql:// URL`);
  Object.assign(process.env, {
    DATABASE_URL: url,
    PITSTOP_SESSION_SECRET: BENCH_SECRET,
    PITSTOP_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  });
  return true;
}
