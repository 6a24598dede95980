// A bench group run in a child process of its own, its figures read from the last line of its
// stdout. The app's Prisma client and its data directory are chosen once per process, so groups
// that each make their own database must not share one: the first would keep every later group
// on its database.
import { spawn } from "node:child_process";
import { z } from "zod";

const figuresSchema = z.record(z.string(), z.number());

/** `npm run bench <args>` in a child process, with `env` added to this one's environment. */
export function benchInChild(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Record<string, number>> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bench/main.ts", ...args],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } },
  );
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code !== 0) {
        reject(new Error(`bench ${args.join(" ")} ended with ${signal ?? `exit code ${code}`}`));
        return;
      }
      const last = output.trim().split("\n").at(-1) ?? "";
      try {
        resolve(figuresSchema.parse(JSON.parse(last)));
      } catch {
        reject(new Error(`bench ${args.join(" ")} printed no figures: ${last.slice(0, 200)}`));
      }
    });
  });
}
