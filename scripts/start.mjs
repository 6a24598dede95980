// `npm start`: install when needed, generate the Prisma client, migrate, seed once, build when
// the sources changed, then serve the app (PORT, default 3000, through scripts/front-server.mjs)
// and the telematics simulator (SIM_PORT, default 4010), both on HOST (default 127.0.0.1).
// Either one exiting stops both.
import { spawn } from "node:child_process";
import {
  ensureInstalled,
  generatePrismaClients,
  PRISMA_ENV,
  runOrExit,
  tsNodeArgs,
} from "./ensure-installed.mjs";
import { buildIfChanged } from "./build-if-changed.mjs";

// Read before the slow steps below, so a stop during install or build is noticed too.
const launcher = process.ppid;
ensureInstalled();
generatePrismaClients();
runOrExit(process.execPath, tsNodeArgs("scripts/prepare.ts"));
if (!buildIfChanged()) process.exit(1);

const host = process.env.HOST ?? "127.0.0.1";
const port = process.env.PORT ?? "3000";
const simPort = process.env.SIM_PORT ?? "4010";
// Pitstop links Smartcar accounts through Connect and comes back to its own callback: the
// simulator's Smartcar face must know that redirect URI, on whatever port Pitstop serves.
const pitstopCallbacks = [...new Set([host, "127.0.0.1"])].map(
  (callbackHost) => `http://${callbackHost}:${port}/admin/vendors/callback`,
);
const smartcarRedirectUris = [process.env.SIM_SMARTCAR_REDIRECT_URIS, ...pitstopCallbacks]
  .filter(Boolean)
  .join(",");
const env = {
  ...process.env,
  ...PRISMA_ENV,
  HOST: host,
  PORT: port,
  SIM_PORT: simPort,
  SIM_SMARTCAR_REDIRECT_URIS: smartcarRedirectUris,
  NODE_ENV: "production",
};
const children = [
  spawn(process.execPath, ["scripts/front-server.mjs"], { stdio: "inherit", env }),
  spawn(process.execPath, ["--import", "tsx", "lib/simulator/main.ts"], { stdio: "inherit", env }),
];
console.error(
  `pitstop: app on http://${host}:${port} (sign in as sre@pitstop.example / pitstop-demo)`,
);
console.error(`pitstop: simulator on http://${host}:${simPort} (docs/simulator.md)`);

const stopAll = (signal) =>
  children.forEach((child) => child.exitCode === null && child.kill(signal));
process.on("SIGINT", () => stopAll("SIGINT"));
process.on("SIGTERM", () => stopAll("SIGTERM"));
// A process manager stops `npm start` with one SIGTERM to npm, which does not pass it on: we
// are only reparented. A changed parent pid means whoever started us is gone, so stop too.
const orphanWatch = setInterval(() => {
  if (process.ppid !== launcher) stopAll("SIGTERM");
}, 500);
for (const child of children) {
  child.on("exit", (code) => {
    clearInterval(orphanWatch);
    stopAll("SIGTERM");
    process.exitCode = code ?? 1;
  });
}
