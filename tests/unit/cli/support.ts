// Runs bin/pitstop as a user would: its own process, from a chosen directory, with stdin piped.
import { spawn } from "node:child_process";
import path from "node:path";

const bin = path.resolve(__dirname, "../../../bin/pitstop");

export type PitstopRun = { code: number | null; stdout: string; stderr: string };

export function pitstop(
  args: string[],
  options: { stdin?: string; cwd?: string; env?: Record<string, string> } = {},
): Promise<PitstopRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd ?? path.dirname(path.dirname(bin)),
      env: { ...process.env, ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}
