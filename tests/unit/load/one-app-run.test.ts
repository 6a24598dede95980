// The app runs one soak at a time, and "the app" is every instance on the database: a run
// another instance started refuses a start here until it ends or its instance dies.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { STALE_AFTER_MS, cancelSoakRun, startSoakRun } from "@/lib/load/service";
import { waitFor } from "@/tests/unit/simulator/support";
import { soakPlan, system } from "./soak-factories";

const started: string[] = [];

/** Starts a run here; one that starts is cancelled after the test, whatever the test expected. */
async function start(name: string) {
  const result = await startSoakRun(
    system,
    soakPlan({ name, schedule: { kind: "constant", rate: 1 }, durationS: 60 }),
  );
  if (result.ok) started.push(result.run.id);
  return result;
}

async function endedRun(id: string) {
  await cancelSoakRun(id, system);
  await waitFor(
    () => db.soakRun.findUniqueOrThrow({ where: { id } }),
    (run) => !["pending", "running"].includes(run.status),
    { timeoutMs: 10_000, intervalMs: 100 },
  );
}

afterEach(async () => {
  for (const id of started.splice(0)) await endedRun(id);
});

async function otherInstance() {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/unit/load/other-instance.ts"],
    { env: process.env, stdio: ["ignore", "pipe", "inherit"] },
  );
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const answer = JSON.parse(line) as { runId?: string; refused?: string };
  if (!answer.runId) throw new Error(`the other instance could not start: ${answer.refused}`);
  return { child, runId: answer.runId };
}

describe("one app soak run at a time, across instances", () => {
  it(
    "refuses a start while another instance runs one, and starts once that instance has died",
    async () => {
      const other = await otherInstance();
      try {
        const refused = await start("while the other runs");
        expect(refused).toMatchObject({ ok: false, runningRunIds: [other.runId] });
        if (!refused.ok) expect(refused.message).toContain('"other instance" is still running');
      } finally {
        other.child.kill("SIGKILL");
      }
      await once(other.child, "exit");

      const after = await waitFor(
        () => start("after the other died"),
        (attempt) => attempt.ok,
        { timeoutMs: STALE_AFTER_MS + 10_000, intervalMs: 1_000 },
      );
      expect(after.ok).toBe(true);
    },
    STALE_AFTER_MS + 30_000,
  );

  it("starts one of two runs asked for at once and refuses the other, naming it", async () => {
    const answers = await Promise.all([start("first at once"), start("second at once")]);
    expect(started).toHaveLength(1);
    const refused = answers.find((answer) => !answer.ok);
    expect(refused).toMatchObject({ ok: false, runningRunIds: started });
  });

  it("starts a run again as soon as the one before it has ended", async () => {
    const first = await start("ends early");
    expect(first.ok).toBe(true);
    await endedRun(started.pop()!);
    expect((await start("right after")).ok).toBe(true);
  });
});
