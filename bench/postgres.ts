// The pg. figures: a bench group run again on PostgreSQL. A throwaway cluster
// (scripts/postgres-cluster.mjs) holds the database, migrated by the same prepare.ts as SQLite's;
// the group runs in a child process because the app's Prisma client is chosen once per process,
// by DATABASE_URL. The cluster is stopped when the pass ends, however it ends.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { isPostgresUrl } from "@/lib/db/kind";
import { startThrowawayCluster } from "../scripts/postgres-cluster.mjs";
import { BENCH_SECRET, log } from "./support";

/** Set on the child process only: the PostgreSQL database it measures. */
const PASS_DATABASE_VARIABLE = "PITSTOP_BENCH_POSTGRES_URL";

const figuresSchema = z.record(z.string(), z.number());

function runPass(args: readonly string[], url: string): Promise<Record<string, number>> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bench/main.ts", ...args],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, [PASS_DATABASE_VARIABLE]: url },
    },
  );
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code !== 0) {
        reject(new Error(`the PostgreSQL pass ended with ${signal ?? `exit code ${code}`}`));
        return;
      }
      const last = output.trim().split("\n").at(-1) ?? "";
      try {
        resolve(figuresSchema.parse(JSON.parse(last)));
      } catch {
        reject(new Error(`the PostgreSQL pass printed no figures: ${last.slice(0, 200)}`));
      }
    });
  });
}

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
    const figures = await runPass(args, cluster.url);
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
