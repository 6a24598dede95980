// The app as the browser tests see it: a fresh database under data/e2e (or E2E_DATA_DIR, so
// the page-weight bench can run beside a browser test run), seeded with the demo users, served
// as `npm start` serves it (scripts/front-server.mjs) from the build that scripts/test.mjs made.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { PRISMA_ENV, runOrExit, tsNodeArgs } from "./ensure-installed.mjs";

const env = {
  ...process.env,
  ...PRISMA_ENV,
  PITSTOP_DATA_DIR: path.resolve(process.env.E2E_DATA_DIR ?? "data/e2e"),
  PITSTOP_DEMO_PROBE_HISTORY: "off",
};
rmSync(env.PITSTOP_DATA_DIR, { recursive: true, force: true });
runOrExit(process.execPath, tsNodeArgs("scripts/prepare.ts"), { env });

const port = process.env.E2E_PORT ?? "3210";
const server = spawn(process.execPath, ["scripts/front-server.mjs"], {
  stdio: "inherit",
  env: { ...env, HOST: "127.0.0.1", PORT: port, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
