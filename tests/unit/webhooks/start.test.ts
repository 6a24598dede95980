// `npm start` prepares the database before it serves (scripts/prepare.ts): a bad
// PITSTOP_WEBHOOK_RETRY_SCHEDULE must stop it there with a message naming the setting, before
// anything is migrated, rather than leave a server that answers 500 to everything.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

function prepare(dataDir: string, schedule: string) {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
      {
        env: {
          ...process.env,
          PITSTOP_DATA_DIR: dataDir,
          PITSTOP_WEBHOOK_RETRY_SCHEDULE: schedule,
          PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
          PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
        },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

it("stops start on a bad retry schedule, naming the setting, before touching the database", async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "pitstop-webhook-start-"));
  try {
    const { code, stderr } = await prepare(dataDir, "10,soon,300");
    expect(code).toBe(2);
    expect(stderr).toContain(
      "pitstop: PITSTOP_WEBHOOK_RETRY_SCHEDULE must be seconds between retries, comma-separated",
    );
    expect(existsSync(path.join(dataDir, "pitstop.db"))).toBe(false);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
