// Shared by the benchmark groups: percentiles, a served app over a chosen database, and a
// signed-in session cookie for it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import Database from "better-sqlite3";
import { sqliteTime } from "@/lib/db/sqlite-time";

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

/** A session cookie for a new admin in this database, signed as the app would sign it. */
export async function adminSessionCookie(databaseFile: string): Promise<string> {
  const sqlite = new Database(databaseFile);
  const userId = `bench-${randomBytes(6).toString("hex")}`;
  const sessionId = randomBytes(18).toString("base64url");
  const now = new Date();
  const expires = new Date(now.getTime() + 3_600_000);
  sqlite
    .prepare(
      `INSERT INTO "User" (id, email, name, role, passwordHash, passwordChangedAt, createdAt, updatedAt) VALUES (?, ?, 'Bench', 'admin', 'x', ?, ?, ?)`,
    )
    .run(
      userId,
      `${userId}@bench.test`,
      sqliteTime(new Date(now.getTime() - 60_000)),
      sqliteTime(now),
      sqliteTime(now),
    );
  sqlite
    .prepare(`INSERT INTO "Session" (id, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)`)
    .run(sessionId, userId, sqliteTime(now), sqliteTime(expires));
  sqlite.close();
  const token = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuer("pitstop")
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(BENCH_SECRET));
  return `pitstop_session=${token}`;
}

export async function timed(request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`benchmark request answered ${response.status}`);
  return performance.now() - started;
}
