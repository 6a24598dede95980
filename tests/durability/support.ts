// The app as a crash sees it: `next start` from the build npm test made, on its own port and
// database, killed with SIGKILL and started again.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { createApiToken } from "@/lib/auth/api-tokens";
import { databaseFile } from "@/lib/db/location";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const BOOT_TIMEOUT_MS = 60_000;

export const APP_PORT = Number(process.env.DURABILITY_PORT ?? 3390);
export const SIM_PORT = Number(process.env.DURABILITY_SIM_PORT ?? 4390);
export const appUrl = `http://127.0.0.1:${APP_PORT}`;

export type RunningApp = { child: ChildProcess; bootMs: number };

export function assertBuilt() {
  if (!existsSync(".next/BUILD_ID"))
    throw new Error("no build in .next: run `npm run build` first");
}

export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  if (await fetch(`${appUrl}/health`).catch(() => null))
    throw new Error(`port ${APP_PORT} already answers: a server from an earlier run is still up`);
  const started = performance.now();
  // Its own process group: next start serves from a child process (next-server), which a kill
  // of the CLI's pid alone would leave running.
  const child = spawn(
    process.execPath,
    [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(APP_PORT)],
    {
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PITSTOP_PROBES: "off",
        SIMULATOR_URL: `http://127.0.0.1:${SIM_PORT}`,
        ...env,
      },
    },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk).slice(-4_000)));
  while (performance.now() - started < BOOT_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${stderr}`);
    const health = await fetch(`${appUrl}/health`).catch(() => null);
    if (health?.ok) return { child, bootMs: performance.now() - started };
    await sleep(100);
  }
  await killHard({ child, bootMs: 0 });
  throw new Error(`next start did not answer /health within ${BOOT_TIMEOUT_MS} ms:\n${stderr}`);
}

/** SIGKILL to the server's whole process group: no shutdown hook runs, as in a crash. */
export async function killHard(app: RunningApp) {
  const exited =
    app.child.exitCode === null && app.child.signalCode === null ? once(app.child, "exit") : null;
  try {
    process.kill(-app.child.pid!, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
  await exited;
  // The group's last process may outlive the CLI by a moment; wait until the port is free.
  while (await fetch(`${appUrl}/health`).catch(() => null)) await sleep(50);
}

export async function apiToken(role: "sre" | "admin" = "sre") {
  const { token } = await createApiToken(
    { name: `durability ${crypto.randomUUID()}`, role },
    { kind: "system", label: "durability suite" },
  );
  return token;
}

export function integrityCheck(file = databaseFile()): string {
  const sqlite = new Database(file, { readonly: true, timeout: 5_000 });
  try {
    return String(sqlite.pragma("integrity_check", { simple: true }));
  } finally {
    sqlite.close();
  }
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An HTTP answer, or "no answer" (body: the error) when the connection was cut. */
export type Answer = { status: number | "no answer"; body: unknown };

/** A JSON request that reports a connection cut by the kill instead of throwing. */
export async function callApi(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  try {
    const response = await fetch(`${appUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, body: parseJsonOr(text) };
  } catch (error) {
    return { status: "no answer", body: String((error as Error).cause ?? error) };
  }
}
