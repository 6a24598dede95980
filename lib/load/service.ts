import "server-only";
// A soak run's life around the runner: start it (in this process, for the app or the CLI),
// keep its heartbeat, stop it when someone asks (in this process at once, from another process
// through cancelRequestedAt), record how it ended, and sweep runs whose process died.
import type { AuditActor } from "@/lib/audit/log";
import { DbSoakSink } from "./db-sink";
import type { Schedule, SoakPlan } from "./plan";
import { SoakRecorder } from "./recorder";
import { runSoak } from "./runner";
import {
  beatSoakRun,
  createAppSoakRun,
  finishSoakRun,
  markSoakRunInterrupted,
  markSoakRunStarted,
  requestSoakRunCancel,
  soakSamplePages,
  staleSoakRuns,
  type CancelRequest,
  type FinishedStatus,
  type SoakRunRecord,
} from "./store";
import type { SoakOutcome, SoakSummary } from "./types";

export const HEARTBEAT_INTERVAL_MS = 1_000;
/** A run whose heartbeat is older than this is taken for dead (its process crashed or was killed). */
export const STALE_AFTER_MS = 15_000;

/** Why a run was stopped early. `lost`: a sweep already marked it interrupted while this process stalled. */
export type StopReason = "cancelled" | "interrupted" | "lost";

// Runs this process owns, by id, so a cancel from the UI stops one at once. On globalThis so the
// dev server's module reloads keep the one registry.
const globalForSoak = globalThis as unknown as {
  pitstopSoakRuns?: Map<string, AbortController>;
  pitstopSoakSweep?: Promise<string[]> | null;
  pitstopSoakSweeper?: NodeJS.Timeout;
};
const ownRuns: Map<string, AbortController> = (globalForSoak.pitstopSoakRuns ??= new Map());

const stopReasonOf = (signal: AbortSignal): StopReason => {
  const reason: unknown = signal.reason;
  return reason === "cancelled" || reason === "lost" ? reason : "interrupted";
};

/**
 * A run's summary from its stored samples alone (the recorder's own accounting), for a run whose
 * runner is gone. Read a page at a time; per-second figures are already stored, so each page's
 * seconds are dropped at once and memory holds only the per-step and total histograms.
 */
export async function rebuildSummaryFromSamples(
  runId: string,
  plan: { schedule: Schedule; durationS: number },
  times: {
    outcome: SoakOutcome;
    startedAt: Date;
    finishedAt: Date;
    requestBudget: number;
    reason?: string;
  },
): Promise<SoakSummary> {
  const recorder = new SoakRecorder(plan);
  for await (const page of soakSamplePages(runId)) {
    for (const sample of page) recorder.record(sample);
    recorder.closeAllSeconds();
  }
  const { outcome, ...summaryTimes } = times;
  return recorder.summary(outcome, summaryTimes);
}

/** Beats every second until stopped; asks the run to stop when a cancel arrives or the run was swept. */
function startHeartbeat(runId: string, stop: (reason: StopReason) => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const beat = async () => {
    try {
      const heartbeat = await beatSoakRun(runId);
      if (!heartbeat.alive) stop("lost");
      else if (heartbeat.cancelRequested) stop("cancelled");
    } catch (error) {
      // A missed beat is not fatal: a busy database only delays the next one.
      console.error(`soak run ${runId}: heartbeat failed`, error);
    }
    if (!stopped) timer = setTimeout(beat, HEARTBEAT_INTERVAL_MS).unref();
  };
  timer = setTimeout(beat, HEARTBEAT_INTERVAL_MS).unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

export type RunOptions = {
  /** Aborting it stops the run; its reason ("cancelled", else interrupted) decides the ending. */
  signal?: AbortSignal;
  onProgress?: Parameters<typeof runSoak>[1]["onProgress"];
};

export type RunEnding = {
  status: FinishedStatus;
  summary: SoakSummary | null;
  failureReason: string | null;
};

const stoppedStatus = (signal: AbortSignal): FinishedStatus =>
  stopReasonOf(signal) === "cancelled" ? "cancelled" : "interrupted";

/** Runs a created (pending) run to its end in this process, writing everything to the database. */
export async function executeSoakRun(
  run: Pick<SoakRunRecord, "id" | "requestBudget">,
  plan: SoakPlan,
  options: RunOptions = {},
): Promise<RunEnding> {
  const controller = new AbortController();
  const stop = (reason: StopReason) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const outside = options.signal;
  const forward = () => stop(outside ? stopReasonOf(outside) : "interrupted");
  outside?.addEventListener("abort", forward, { once: true });
  if (outside?.aborted) forward();

  const startedAt = new Date();
  if (!(await markSoakRunStarted(run.id, startedAt))) {
    outside?.removeEventListener("abort", forward);
    return {
      status: "interrupted",
      summary: null,
      failureReason: "The run was no longer pending when it was due to start.",
    };
  }
  ownRuns.set(run.id, controller);
  const stopHeartbeat = startHeartbeat(run.id, stop);
  const sink = new DbSoakSink(run.id);
  let ending: RunEnding;
  try {
    const summary = await runSoak(plan, {
      sink,
      signal: controller.signal,
      onProgress: options.onProgress,
    });
    const status = controller.signal.aborted ? stoppedStatus(controller.signal) : summary.outcome;
    ending = {
      status,
      summary: { ...summary, outcome: status },
      failureReason:
        status === "failed"
          ? `The run failed: ${summary.reason ?? "the runner gave no reason"}`
          : null,
    };
  } catch (error) {
    const status = controller.signal.aborted ? stoppedStatus(controller.signal) : "failed";
    const failureReason =
      status === "failed" ? `The runner stopped: ${(error as Error).message}` : null;
    if (status === "failed") console.error(`soak run ${run.id} failed`, error);
    const summary = await rebuildSummaryFromSamples(run.id, plan, {
      outcome: status,
      startedAt,
      finishedAt: new Date(),
      requestBudget: run.requestBudget,
      reason: failureReason ?? undefined,
    });
    ending = { status, summary, failureReason };
  } finally {
    stopHeartbeat();
    ownRuns.delete(run.id);
    outside?.removeEventListener("abort", forward);
  }
  if (!(await finishSoakRun(run.id, ending))) {
    // A sweep marked it interrupted while this process was stalled; that record stands.
    return {
      status: "interrupted",
      summary: ending.summary,
      failureReason: "The run was taken for dead (no heartbeat) before it finished.",
    };
  }
  return ending;
}

export type SoakStart =
  { ok: true; run: SoakRunRecord } | { ok: false; message: string; runningRunIds: string[] };

function busyMessage(holder: SoakRunRecord | null): string {
  const running = holder ? `Soak run "${holder.name}" is still running` : "A soak run is starting";
  return `${running}; cancel it or wait for it to end. The app runs one soak at a time, across all its instances, because runs sharing it would skew each other's latencies and the target's.`;
}

/**
 * Creates a run and starts it in the background of this process; answers at once with the
 * pending run. The app runs one at a time: the slot is claimed in the database with the run,
 * so every instance keeps the rule, and it is free again once the run has ended or its runner
 * stopped beating.
 */
export async function startSoakRun(actor: AuditActor, plan: SoakPlan): Promise<SoakStart> {
  const claim = await createAppSoakRun(actor, plan, new Date(Date.now() - STALE_AFTER_MS));
  if (!claim.ok)
    return {
      ok: false,
      message: busyMessage(claim.holder),
      runningRunIds: claim.holder ? [claim.holder.id] : [],
    };
  void executeSoakRun(claim.run, plan).catch((error) =>
    console.error(`soak run ${claim.run.id} could not be recorded`, error),
  );
  return { ok: true, run: claim.run };
}

/** Asks a run to stop. One this process owns stops now; another process's stops on its next heartbeat. */
export async function cancelSoakRun(id: string, actor: AuditActor): Promise<CancelRequest> {
  const request = await requestSoakRunCancel(id, actor);
  if (request.ok) ownRuns.get(id)?.abort("cancelled");
  return request;
}

async function sweep(now: Date): Promise<string[]> {
  const cutoff = new Date(now.getTime() - STALE_AFTER_MS);
  const swept: string[] = [];
  for (const run of await staleSoakRuns(cutoff)) {
    if (ownRuns.has(run.id)) continue;
    const lastSign = run.heartbeatAt ?? run.startedAt ?? run.createdAt;
    const reason = run.heartbeatAt
      ? `No heartbeat since ${run.heartbeatAt.toISOString()}: the process running it stopped.`
      : "The run never started: the process that created it stopped.";
    const summary = run.startedAt
      ? await rebuildSummaryFromSamples(run.id, run.plan, {
          outcome: "interrupted",
          startedAt: run.startedAt,
          finishedAt: lastSign,
          requestBudget: run.requestBudget,
          reason,
        })
      : null;
    if (await markSoakRunInterrupted(run.id, cutoff, summary, reason)) swept.push(run.id);
  }
  return swept;
}

/**
 * Marks runs whose runner died (no heartbeat for STALE_AFTER_MS) as interrupted, with the summary
 * their stored samples give. Called at app start and before runs are listed; concurrent calls in
 * one process share one sweep.
 */
export function sweepInterruptedSoakRuns(now = new Date()): Promise<string[]> {
  globalForSoak.pitstopSoakSweep ??= sweep(now).finally(() => {
    globalForSoak.pitstopSoakSweep = null;
  });
  return globalForSoak.pitstopSoakSweep;
}

// Often enough that a dead run reads interrupted within seconds of going stale.
const SWEEP_EVERY_MS = STALE_AFTER_MS / 3;

/**
 * Sweeps at start and then on a timer, in the app server: a run killed with the server was
 * beating a moment before the restart, so only a later sweep can see it go stale, and nobody
 * need list runs for it to end.
 */
export function startSoakRunSweeper(): void {
  const sweepNow = () =>
    void sweepInterruptedSoakRuns().catch((error) => console.error("soak run sweep failed", error));
  if (globalForSoak.pitstopSoakSweeper) return;
  globalForSoak.pitstopSoakSweeper = setInterval(sweepNow, SWEEP_EVERY_MS).unref();
  sweepNow();
}
