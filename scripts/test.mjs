// `npm test`: every suite, unit to browser, on a fresh checkout. Installs and prepares what is
// missing, runs type-check, lint, unit tests on SQLite and again on a throwaway PostgreSQL
// cluster, browser tests (each even if an earlier one failed, so one run shows everything), the
// durability suite (kill -9, concurrent writers) and the two-instance browser test on PostgreSQL
// against the same build, and ends with one line: "N passed, N failed".
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { buildIfChanged } from "./build-if-changed.mjs";
import { ensureInstalled, generatePrismaClients, run } from "./ensure-installed.mjs";
import { startThrowawayCluster } from "./postgres-cluster.mjs";

const RESULTS = "test-results";
const results = [];

function record(suite, passed, failed, wallMs) {
  results.push({ suite, passed, failed });
  const wall = wallMs === undefined ? "" : ` in ${Math.round(wallMs / 1000)} s`;
  console.error(`\npitstop test: ${suite}: ${passed} passed, ${failed} failed${wall}\n`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

// A check that is one pass/fail (type-check, lint, build) counts as one test.
function runCheck(suite, command, args) {
  const status = run(command, args);
  record(suite, status === 0 ? 1 : 0, status === 0 ? 0 : 1);
  return status === 0;
}

function runVitest(suite, config, env = {}) {
  const report = `${RESULTS}/${suite}-report.json`;
  rmSync(report, { force: true });
  const started = performance.now();
  const status = run(
    "npx",
    [
      "vitest",
      "run",
      ...(config ? ["--config", config] : []),
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    { env },
  );
  const wallMs = performance.now() - started;
  const json = readJson(report);
  if (!json) return record(suite, 0, 1, wallMs);
  const failed = json.numFailedTests + (status !== 0 && json.numFailedTests === 0 ? 1 : 0);
  record(suite, json.numPassedTests, failed, wallMs);
}

// `report` is where the config's json reporter writes.
function runPlaywright(suite, config, report) {
  rmSync(report, { force: true });
  const started = performance.now();
  const status = run("npx", ["playwright", "test", "--config", config]);
  const wallMs = performance.now() - started;
  const stats = readJson(report)?.stats;
  if (!stats) return record(suite, 0, 1, wallMs);
  const failed = stats.unexpected + (status !== 0 && stats.unexpected === 0 ? 1 : 0);
  record(suite, stats.expected + stats.flaky, failed, wallMs);
}

// The unit suite again on PostgreSQL: the stores, the dialect's SQL and the migrations' triggers.
async function runUnitOnPostgres() {
  const cluster = await startThrowawayCluster("pitstop_unit");
  if (!cluster.url) return record(`unit-postgresql (${cluster.problem})`, 0, 1);
  try {
    runVitest("unit-postgresql", undefined, { PITSTOP_TEST_DATABASE_URL: cluster.url });
  } finally {
    cluster.stop();
  }
}

ensureInstalled();
mkdirSync(RESULTS, { recursive: true });
generatePrismaClients();
runCheck("typecheck", "npm", ["run", "--silent", "typecheck"]);
runCheck("lint", "npm", ["run", "--silent", "lint"]);
runVitest("unit");
await runUnitOnPostgres();
if (buildIfChanged()) {
  runPlaywright("e2e", "playwright.config.ts", `${RESULTS}/e2e-report.json`);
  runVitest("durability", "vitest.durability.config.ts");
  runPlaywright(
    "e2e-instances",
    "playwright.instances.config.ts",
    `${RESULTS}/e2e-instances-report.json`,
  );
} else {
  record("e2e, durability and e2e-instances (build failed)", 0, 1);
}

const passed = results.reduce((sum, suite) => sum + suite.passed, 0);
const failed = results.reduce((sum, suite) => sum + suite.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
