// Installs dependencies when node_modules is missing or older than package-lock.json, so a
// fresh clone needs nothing but `npm start` or `npm test`. Plain JS: it runs before tsx exists.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";

export const PRISMA_ENV = {
  // Prisma's native engines cannot be downloaded here; the JS engine and the better-sqlite3
  // adapter need none. These stop Prisma from trying.
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? "/bin/true",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: "inherit",
    ...options,
    env: { ...process.env, ...PRISMA_ENV, ...options.env },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function runOrExit(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`pitstop: \`${command} ${args.join(" ")}\` failed (exit ${status})`);
    process.exit(status);
  }
}

export function ensureInstalled() {
  const marker = "node_modules/.package-lock.json";
  const stale =
    !existsSync(marker) || statSync(marker).mtimeMs < statSync("package-lock.json").mtimeMs;
  if (!stale) return;
  console.error("pitstop: installing dependencies (npm ci)…");
  runOrExit("npm", ["ci", "--no-audit", "--no-fund"]);
}

/**
 * Generates both Prisma clients: SQLite's (lib/db/generated) and PostgreSQL's
 * (lib/db/generated-pg, from prisma/postgresql/schema.prisma); DATABASE_URL picks one at run time.
 */
export function generatePrismaClients() {
  const quiet = { stdio: ["ignore", "ignore", "inherit"] };
  runOrExit("npx", ["prisma", "generate"], quiet);
  runOrExit("npx", ["prisma", "generate", "--config", "prisma/postgresql/prisma.config.ts"], quiet);
}

/** Runs a TypeScript entry point of ours with the react-server condition that lib/ expects. */
export function tsNodeArgs(entry, args = []) {
  return ["--conditions=react-server", "--import", "tsx", entry, ...args];
}

/**
 * Runs the Next.js CLI in a plain node process rather than through npx: npm exec does not pass
 * SIGTERM on, so stopping `npx next start` left the server running on its port.
 */
export function nextArgs(args) {
  return [createRequire(import.meta.url).resolve("next/dist/bin/next"), ...args];
}
