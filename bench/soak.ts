// soak.ratio_vs_autocannon: the soak runner's maximum throughput (2xx answers per second while
// scheduled well above what the simulator can serve, every sample written to the database as
// pitstop soak writes it) over autocannon's on the same endpoint with the same connections and
// duration, in the same run.
// soak.schedule_error_pct: how far the runner's achieved arrival rate strays from a constant
// 1,000 req/s schedule, measured from when arrivals actually left (not when they were due).
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import type { DbSoakSink } from "@/lib/load/db-sink";
import { MemorySink } from "@/lib/load/memory-sink";
import { soakPlanSchema, type SoakPlan } from "@/lib/load/plan";
import { runSoak } from "@/lib/load/runner";
import type { SoakSink } from "@/lib/load/types";
import { freshDatabase } from "./database";
import { signIn } from "./simulator";
import { log, waitForHealth } from "./support";

const SIM_PORT = 4330;
const CONNECTIONS = 50;
const THROUGHPUT_DURATION_S = 4;
const ROUNDS = 3;
const SCHEDULE_RATE = 1_000;
const SCHEDULE_DURATION_S = 9;
/** How far above autocannon's rate the runner is scheduled when measuring its maximum. */
const OVERLOAD = 1.5;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function planFor(
  endpoint: string,
  headers: Record<string, string>,
  rate: number,
  durationS: number,
): SoakPlan {
  const plan = soakPlanSchema.parse({
    name: "bench",
    environment: "sandbox",
    targetUrl: endpoint,
    credentials: {
      apiKey: headers["x-api-key"],
      bearerToken: headers.authorization!.replace(/^Bearer /, ""),
      apiVersion: headers["x-api-version"],
    },
    schedule: { kind: "constant", rate: SCHEDULE_RATE },
    durationS,
    connections: CONNECTIONS,
  });
  // SOAK_LIMITS.maxRate bounds what a person may aim at a vendor; the simulator on this machine
  // serves more than that, and finding the runner's own ceiling needs a rate above the server's.
  return { ...plan, schedule: { kind: "constant", rate: Math.round(rate) } };
}

/** The database sink a soak run writes through, noting when each 2xx answer completed. */
class CompletionSink implements SoakSink {
  readonly okCompletions: number[] = [];

  constructor(readonly database: DbSoakSink) {}

  async write(batch: Parameters<SoakSink["write"]>[0]): Promise<void> {
    await this.database.write(batch);
    for (const sample of batch.samples) {
      if (sample.errorKind === null && sample.status >= 200 && sample.status < 300)
        this.okCompletions.push(sample.sentAt + sample.latencyMs);
    }
  }
}

/** 2xx answers per second that completed inside the scheduled window (the drain afterwards is not throughput). */
async function runnerThroughput(
  endpoint: string,
  headers: Record<string, string>,
  rate: number,
  durationS: number,
): Promise<number> {
  const plan = planFor(endpoint, headers, rate, durationS);
  // Imported once freshDatabase has pointed the app's client at the bench's own database.
  const { createSoakRun } = await import("@/lib/load/store");
  const { DbSoakSink } = await import("@/lib/load/db-sink");
  // The run's row holds a rate its schema allows; the runner itself is aimed above (see planFor).
  const recorded = planFor(endpoint, headers, SCHEDULE_RATE, durationS);
  const run = await createSoakRun({ kind: "system", label: "bench" }, recorded, "cli");
  const sink = new CompletionSink(new DbSoakSink(run.id));
  const summary = await runSoak(plan, { sink });
  if (summary.outcome !== "completed")
    throw new Error(`soak run ended ${summary.outcome}: ${summary.reason ?? ""}`);
  const windowEnd = Date.parse(summary.startedAt) + durationS * 1000;
  const ok = sink.okCompletions.filter((completedAt) => completedAt <= windowEnd).length;
  const { client_saturated: saturated = 0, ...otherErrors } = summary.errorKinds;
  log(
    `soak: runner scheduled ${Math.round(rate)} req/s: ${Math.round(ok / durationS)} ok/s, p50 ${summary.totals.p50Ms} ms, ${saturated} arrivals over the in-flight cap, other errors ${JSON.stringify(otherErrors)}`,
  );
  return ok / durationS;
}

async function scheduleAccuracy(
  endpoint: string,
  headers: Record<string, string>,
): Promise<{ errorPct: number; worstSecondPct: number }> {
  const perSecond = new Array<number>(SCHEDULE_DURATION_S).fill(0);
  const windowMs = SCHEDULE_DURATION_S * 1000;
  const summary = await runSoak(planFor(endpoint, headers, SCHEDULE_RATE, SCHEDULE_DURATION_S), {
    sink: new MemorySink(),
    onArrivals: (count, elapsedMs) => {
      if (elapsedMs < windowMs) perSecond[Math.floor(elapsedMs / 1000)]! += count;
    },
  });
  if (summary.outcome !== "completed")
    throw new Error(`soak run ended ${summary.outcome}: ${summary.reason ?? ""}`);
  const dispatched = perSecond.reduce((sum, count) => sum + count, 0);
  const achieved = dispatched / SCHEDULE_DURATION_S;
  const deviations = perSecond.map(
    (count) => (Math.abs(count - SCHEDULE_RATE) / SCHEDULE_RATE) * 100,
  );
  log(
    `soak: ${dispatched} arrivals left in ${SCHEDULE_DURATION_S} s (per second: ${perSecond.join(", ")}); p99 ${summary.totals.p99Ms} ms`,
  );
  return {
    errorPct: (Math.abs(achieved - SCHEDULE_RATE) / SCHEDULE_RATE) * 100,
    worstSecondPct: Math.max(...deviations),
  };
}

export async function benchSoak(): Promise<Record<string, number>> {
  freshDatabase("soak");
  const simulator = spawn(process.execPath, ["--import", "tsx", "lib/simulator/main.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, SIM_PORT: String(SIM_PORT), HOST: "127.0.0.1" },
  });
  try {
    const base = `http://127.0.0.1:${SIM_PORT}`;
    await waitForHealth(`${base}/health`);
    const headers = await signIn(base);
    const endpoint = `${base}/sandbox/v1/account`;
    const sample = await fetch(endpoint, { headers });
    if (!sample.ok) throw new Error(`simulator answered ${sample.status} on ${endpoint}`);

    // The simulator mints a correlation id for a request that brings none, which costs it more
    // than checking one; autocannon sends a fixed id so both tools ask the server for the same work.
    const autocannonHeaders = { ...headers, "x-correlationid": "bench-autocannon" };
    log("soak: warming up both");
    let autocannonRate = (
      await autocannon({
        url: endpoint,
        headers: autocannonHeaders,
        connections: CONNECTIONS,
        duration: 2,
      })
    ).requests.average;
    await runnerThroughput(endpoint, headers, autocannonRate * OVERLOAD, 2);
    // Both tools share the machine's cores with the simulator, so they take turns, three rounds,
    // and each keeps its median.
    const rounds: Record<"autocannon" | "runner", number[]> = { autocannon: [], runner: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      log(`soak: round ${round} of ${ROUNDS} (autocannon, runner)`);
      const closed = await autocannon({
        url: endpoint,
        headers: autocannonHeaders,
        connections: CONNECTIONS,
        duration: THROUGHPUT_DURATION_S,
      });
      if (closed.non2xx > 0 || closed.errors > 0)
        throw new Error(`autocannon saw ${closed.non2xx} non-2xx and ${closed.errors} errors`);
      autocannonRate = closed.requests.average;
      rounds.autocannon.push(autocannonRate);
      rounds.runner.push(
        await runnerThroughput(endpoint, headers, autocannonRate * OVERLOAD, THROUGHPUT_DURATION_S),
      );
    }
    const [closedLoop, openModel] = [median(rounds.autocannon), median(rounds.runner)];
    log(`soak: constant ${SCHEDULE_RATE} req/s for ${SCHEDULE_DURATION_S} s`);
    const schedule = await scheduleAccuracy(endpoint, headers);
    return {
      "soak.ratio_vs_autocannon": Number((openModel / closedLoop).toFixed(3)),
      "soak.runner_ok_per_s": Math.round(openModel),
      "soak.autocannon_req_per_s": Math.round(closedLoop),
      "soak.schedule_error_pct": Number(schedule.errorPct.toFixed(3)),
      "soak.schedule_worst_second_pct": Number(schedule.worstSecondPct.toFixed(3)),
    };
  } finally {
    simulator.kill("SIGTERM");
  }
}
