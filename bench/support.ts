// Shared by the benchmark groups: percentiles, ratios and a served app over a chosen database.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync, mkdirSync } from "node:fs";
import path from "node:path";

export const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** A figure over its peer measured in the same run, three decimals. */
export const ratio = (value: number, peer: number) => Number((value / peer).toFixed(3));

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Number((sorted[Math.max(0, index)] ?? 0).toFixed(2));
}

export const BENCH_SECRET = "bench-secret-bench-secret-bench-secret-0123";

export function freshDataDirectory(name: string): string {
  const directory = path.resolve("data", `bench-${name}`);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  return directory;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

export async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

export async function serveApp(
  dataDirectory: string,
  port: number,
): Promise<{ baseUrl: string; stop: () => void }> {
  if (await answers(`http://127.0.0.1:${port}/health`))
    throw new Error(`port ${port} is already in use; stop what runs there`);
  const child: ChildProcess = spawn(
    "npx",
    ["next", "start", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        PITSTOP_DATA_DIR: dataDirectory,
        PITSTOP_SESSION_SECRET: BENCH_SECRET,
      },
      detached: true,
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(`${baseUrl}/health`);
  const stop = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
  };
  return { baseUrl, stop };
}

/** The simulator on `port`, with the app's settings pointing at it and the probe scheduler off. */
export async function serveSimulator(port: number): Promise<{ stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/simulator/main.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, SIM_PORT: String(port), SIM_ADMIN_KEY: "bench-admin-key" },
  });
  const stop = () => child.kill("SIGTERM");
  try {
    const simulatorUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(`${simulatorUrl}/health`);
    Object.assign(process.env, {
      SIMULATOR_URL: simulatorUrl,
      SIMULATOR_ADMIN_KEY: "bench-admin-key",
      PITSTOP_PROBES: "off",
    });
  } catch (error) {
    stop();
    throw error;
  }
  return { stop };
}

export async function timed(request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`benchmark request answered ${response.status}`);
  return performance.now() - started;
}
