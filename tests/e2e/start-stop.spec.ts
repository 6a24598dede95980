// `npm start` under a process manager: docker and pm2 stop it with one SIGTERM to the npm
// process, which npm does not pass on. Both ports must still come free.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { test } from "./support";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

test("a SIGTERM to the npm process alone frees the app's and the simulator's ports", async () => {
  test.setTimeout(180_000);
  const [port, simPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), "pitstop-start-"));
  let npm: ChildProcess | undefined;
  try {
    // Its own process group, so the cleanup below can reach whatever the fix fails to stop.
    npm = spawn("npm", ["start"], {
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        PORT: String(port),
        SIM_PORT: String(simPort),
        PITSTOP_DATA_DIR: dataDir,
        PITSTOP_PROBES: "off",
      },
    });
    const bothUp = async () => (await listening(port)) && (await listening(simPort));
    expect(await waitFor(bothUp, 150_000)).toBe(true);

    npm.kill("SIGTERM");
    const bothFree = async () => !(await listening(port)) && !(await listening(simPort));
    expect(await waitFor(bothFree, 10_000)).toBe(true);
  } finally {
    if (npm?.pid) {
      try {
        process.kill(-npm.pid, "SIGKILL");
      } catch {
        // The group is already gone: nothing left to stop.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
