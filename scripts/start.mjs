// `npm start`: install when needed, generate the Prisma client, migrate, seed once, build when
// the sources changed, then serve the app (PORT, default 3000) on HOST (default 127.0.0.1).
import { spawn } from "node:child_process";
import { ensureInstalled, PRISMA_ENV, runOrExit, tsNodeArgs } from "./ensure-installed.mjs";
import { buildIfChanged } from "./build-if-changed.mjs";

ensureInstalled();
runOrExit("npx", ["prisma", "generate"], { stdio: ["ignore", "ignore", "inherit"] });
runOrExit(process.execPath, tsNodeArgs("scripts/prepare.ts"));
if (!buildIfChanged()) process.exit(1);

const host = process.env.HOST ?? "127.0.0.1";
const port = process.env.PORT ?? "3000";
const children = [
  spawn("npx", ["next", "start", "--hostname", host, "--port", port], {
    stdio: "inherit",
    env: { ...process.env, ...PRISMA_ENV, NODE_ENV: "production" },
  }),
];
console.error(`pitstop: app on http://${host}:${port} (sign in as sre@pitstop.example / pitstop-demo)`);

const stopAll = (signal) => children.forEach((child) => child.exitCode === null && child.kill(signal));
process.on("SIGINT", () => stopAll("SIGINT"));
process.on("SIGTERM", () => stopAll("SIGTERM"));
for (const child of children) {
  child.on("exit", (code) => {
    stopAll("SIGTERM");
    process.exitCode = code ?? 1;
  });
}
