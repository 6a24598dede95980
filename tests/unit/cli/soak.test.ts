import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSoakArgs } from "@/lib/cli/soak";
import { db } from "@/lib/db/client";
import { API_VERSION, clientOf, startSimulatorForFile } from "@/tests/unit/simulator/support";
import { countSoakSamples } from "@/tests/support/db-factories";

const root = path.resolve(__dirname, "../../..");
const harness = startSimulatorForFile();

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `pitstop soak` in its own process group, as a terminal would; `onStderr` may signal the group. */
function pitstopSoak(args: string[], onStderr?: (text: string, pid: number) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("./bin/pitstop", ["soak", ...args], {
      cwd: root,
      env: process.env,
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      onStderr?.(stderr, child.pid!);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const target = "http://127.0.0.1:9/sandbox/v1/account";

describe("pitstop soak arguments", () => {
  const errorsOf = (args: string[]) => {
    const parsed = parseSoakArgs(args);
    return parsed.ok ? [] : parsed.errors;
  };

  it("names the flag that is wrong", () => {
    expect(
      errorsOf(["--target", "https://vendor.example.com/x", "--rate", "5", "--duration", "5"]),
    ).toEqual(["--target: targetUrl must be a loopback address (localhost, 127.x.x.x or ::1)"]);
    expect(errorsOf(["--target", target, "--rate", "5", "--duration", "1801"])).toEqual([
      "--duration: durationS may be at most 1800 seconds (30 minutes)",
    ]);
    expect(errorsOf(["--target", target, "--rate", "20001", "--duration", "5"])).toEqual([
      "--rate: rate may be at most 20000 requests per second",
    ]);
    expect(errorsOf(["--target", target, "--rate", "ten", "--duration", "5"])).toEqual([
      "--rate: rate must be a number of requests per second",
    ]);
    expect(errorsOf(["--target", target, "--rate", "20000", "--duration", "1800"])[0]).toMatch(
      /^--rate\/--steps: this schedule plans 36,000,000 requests/,
    );
    expect(errorsOf(["--target", target, "--steps", "50:10:20:5", "--duration", "5"])).toEqual([
      "--steps: ceiling must be at least startRate",
    ]);
    expect(errorsOf(["--target", target, "--steps", "50:10", "--duration", "5"])).toEqual([
      '--steps: expected START:STEP:CEILING:STEP_SECONDS, got "50:10"',
    ]);
    expect(
      errorsOf(["--target", target, "--rate", "5", "--steps", "1:1:2:1", "--duration", "5"]),
    ).toEqual(["--rate/--steps: give one of them, not both"]);
    expect(errorsOf(["--target", target, "--duration", "5"])[0]).toMatch(
      /^--rate\/--steps: one is required/,
    );
    expect(
      errorsOf(["--target", target, "--rate", "5", "--duration", "5", "--env", "staging"]),
    ).toEqual(["--env: environment must be sandbox or prod"]);
    expect(errorsOf(["--target", target, "--rate", "5", "--duration", "5", "--retry=9"])).toEqual([
      "--retry: retry.maxAttempts may be at most 5",
    ]);
    expect(
      errorsOf(["--target", target, "--rate", "5", "--duration", "5", "--frobnicate"])[0],
    ).toMatch(/Unknown option '--frobnicate'/);
  });

  it("reads a stepped plan with credentials, and a bare --retry as the default attempts", () => {
    const parsed = parseSoakArgs([
      "--name",
      "n",
      "--target",
      target,
      "--steps",
      "10:5:20:2",
      "--duration",
      "6",
      "--api-key",
      "k",
      "--token",
      "t",
      "--api-version",
      API_VERSION,
      "--retry",
      "--connections",
      "8",
      "--timeout-ms",
      "900",
      "--method",
      "post",
      "--body",
      "{}",
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      plan: {
        name: "n",
        environment: "sandbox",
        method: "POST",
        body: "{}",
        schedule: { kind: "steps", startRate: 10, stepBy: 5, ceiling: 20, stepDurationS: 2 },
        durationS: 6,
        credentials: { apiKey: "k", bearerToken: "t", apiVersion: API_VERSION },
        retry: { maxAttempts: 3 },
        connections: 8,
        timeoutMs: 900,
      },
    });
    expect(
      parseSoakArgs(["--target", target, "--rate", "5", "--duration", "1", "--retry=2"]),
    ).toMatchObject({ ok: true, plan: { retry: { maxAttempts: 2 } } });
  });

  it("exits 2 from the command line, naming the flag, and writes nothing", async () => {
    const before = await db.soakRun.count();
    const run = await pitstopSoak([
      "--target",
      "http://10.0.0.1/x",
      "--rate",
      "5",
      "--duration",
      "5",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("pitstop soak: --target: targetUrl must be a loopback address");
    expect(run.stdout).toBe("");
    expect(await db.soakRun.count()).toBe(before);
  });
});

describe("pitstop soak against the simulator", () => {
  async function credentialArgs() {
    const session = await harness.session("ava.active@example.com", { tenant: "loadlab" });
    return [
      "--api-key",
      clientOf("loadlab").apiKey,
      "--token",
      session.token,
      "--api-version",
      API_VERSION,
    ];
  }

  it("runs a short stepped soak, reports each second, and prints the summary with its breakpoint last", async () => {
    const run = await pitstopSoak([
      "--name",
      "cli steps",
      "--target",
      `${harness.baseUrl}/sandbox/v1/account`,
      "--steps",
      "10:10:30:1",
      "--duration",
      "3",
      ...(await credentialArgs()),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/pitstop soak: 1\/3 s · \d+ sent · \d+ answered/);
    const last = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    expect(last).toMatchObject({
      status: "completed",
      summary: { outcome: "completed", breakpoint: { step: null, safeRate: 30 } },
    });
    expect(last.summary.steps.map((step: { rate: number }) => step.rate)).toEqual([10, 20, 30]);
    expect(last.summary.totals.ok).toBe(last.summary.totals.completed);
    const stored = await db.soakRun.findUniqueOrThrow({ where: { id: last.runId } });
    expect(stored).toMatchObject({ origin: "cli", status: "completed", name: "cli steps" });
    expect(stored.options).not.toContain(clientOf("loadlab").apiKey);
    expect(await countSoakSamples(last.runId)).toBe(last.summary.totals.completed);
  });

  it("on Ctrl-C stops, keeps what it recorded, marks the run interrupted and exits 130", async () => {
    let signalled = false;
    const run = await pitstopSoak(
      [
        "--name",
        "cli ctrl-c",
        "--target",
        `${harness.baseUrl}/sandbox/v1/account`,
        "--rate",
        "20",
        "--duration",
        "60",
        ...(await credentialArgs()),
      ],
      (stderr, pid) => {
        if (signalled || !/1\/60 s/.test(stderr)) return;
        signalled = true;
        // A terminal's Ctrl-C: SIGINT to the whole foreground process group.
        process.kill(-pid, "SIGINT");
      },
    );
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain("SIGINT: stopping and saving what was recorded");
    const last = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    expect(last).toMatchObject({ status: "interrupted", summary: { outcome: "interrupted" } });
    const stored = await db.soakRun.findUniqueOrThrow({ where: { id: last.runId } });
    expect(stored.status).toBe("interrupted");
    expect(await countSoakSamples(last.runId)).toBeGreaterThan(0);
  });
});
