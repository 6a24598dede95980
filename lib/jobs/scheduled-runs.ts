import "server-only";
// One row per run of a scheduled job and slot (a probe interval, a weekly export's end). Its
// primary key is the fence: an instance runs a slot only if it inserted the slot's row, so a
// paused instance that wakes still believing it holds the lease cannot run a slot twice.
import { db, isUniqueViolation } from "@/lib/db/client";

export type ScheduledJob = "probes" | "weekly-export";

export type ScheduledRunRecord = {
  slot: Date;
  holder: string;
  startedAt: Date;
  finishedAt: Date | null;
  summary: string | null;
};

/**
 * Claims the slot for this holder; false when some instance has run or is running it. With
 * `reclaimAfterMs`, a slot claimed that long ago and never finished (its instance died during
 * the run) is taken over, by one conditional update, so a make-up run is not fenced out.
 */
export async function claimScheduledRun(
  job: ScheduledJob,
  slot: Date,
  holder: string,
  startedAt = new Date(),
  reclaimAfterMs?: number,
): Promise<boolean> {
  try {
    await db.scheduledRun.create({ data: { job, slot, holder, startedAt } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  if (reclaimAfterMs === undefined) return false;
  const { count } = await db.scheduledRun.updateMany({
    where: {
      job,
      slot,
      finishedAt: null,
      startedAt: { lt: new Date(startedAt.getTime() - reclaimAfterMs) },
    },
    data: { holder, startedAt },
  });
  return count === 1;
}

/** Records how a claimed slot's run ended; the summary is the job's own JSON. */
export async function finishScheduledRun(
  job: ScheduledJob,
  slot: Date,
  summary: unknown,
  finishedAt = new Date(),
): Promise<void> {
  await db.scheduledRun.update({
    where: { job_slot: { job, slot } },
    data: { finishedAt, summary: JSON.stringify(summary) },
  });
}

/** The job's latest finished run, on whichever instance ran it. */
export async function lastFinishedRun(job: ScheduledJob): Promise<ScheduledRunRecord | null> {
  return db.scheduledRun.findFirst({
    where: { job, finishedAt: { not: null } },
    orderBy: { slot: "desc" },
    select: { slot: true, holder: true, startedAt: true, finishedAt: true, summary: true },
  });
}

/** Drops a job's runs older than `before`; the fence only needs the recent slots. */
export async function pruneScheduledRuns(job: ScheduledJob, before: Date): Promise<void> {
  await db.scheduledRun.deleteMany({ where: { job, slot: { lt: before } } });
}
