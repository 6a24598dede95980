// Two app instances on one PostgreSQL, for the two-instance browser test: a throwaway cluster,
// the database prepared and seeded once, then two servers (scripts/front-server.mjs, as the other
// browser tests are served) on E2E_INSTANCE_PORTS sharing the session secret and the key for
// vendor secrets. Each server leads its own process group, so the test can kill one outright;
// their ports and pids go to test-results/e2e-instances.json.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PRISMA_ENV, runOrExit, tsNodeArgs } from "./ensure-installed.mjs";
import { startThrowawayCluster } from "./postgres-cluster.mjs";

const ports = (process.env.E2E_INSTANCE_PORTS ?? "3230,3231").split(",").map(Number);
const dataRoot = path.resolve("data/e2e-instances");
const cluster = await startThrowawayCluster("pitstop");
if (!cluster.url) {
  console.error(`e2e-instances: ${cluster.problem}`);
  process.exit(1);
}
const shared = {
  ...process.env,
  ...PRISMA_ENV,
  DATABASE_URL: cluster.url,
  PITSTOP_SESSION_SECRET: randomBytes(32).toString("base64url"),
  PITSTOP_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  PITSTOP_DEMO_PROBE_HISTORY: "off",
};
rmSync(dataRoot, { recursive: true, force: true });
const dataDir = (name) => {
  const directory = path.join(dataRoot, String(name));
  mkdirSync(directory, { recursive: true });
  return directory;
};
runOrExit(process.execPath, tsNodeArgs("scripts/prepare.ts"), {
  env: { ...shared, PITSTOP_DATA_DIR: dataDir("prepare") },
});

const instances = ports.map((port) => {
  const child = spawn(process.execPath, ["scripts/front-server.mjs"], {
    stdio: "inherit",
    detached: true,
    env: {
      ...shared,
      PITSTOP_DATA_DIR: dataDir(port),
      HOST: "127.0.0.1",
      PORT: String(port),
      NODE_ENV: "production",
    },
  });
  return { port, pid: child.pid };
});
mkdirSync("test-results", { recursive: true });
writeFileSync("test-results/e2e-instances.json", JSON.stringify(instances));

function stop() {
  for (const { pid } of instances) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Already gone: the test kills one on purpose.
    }
  }
  cluster.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, stop);
