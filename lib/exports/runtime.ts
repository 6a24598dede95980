import "server-only";
// The weekly export's timer in the app server, started from instrumentation.ts. One timer per
// process (kept on globalThis so a dev-server reload does not start a second); a run missed
// while the server was down is made up once at start, if an earlier run is on record. Every app
// instance arms the timer, and the one that claims the week's ScheduledRun slot writes it.
import { instanceId } from "@/lib/jobs/instance";
import { claimScheduledRun, finishScheduledRun } from "@/lib/jobs/scheduled-runs";
import { nextRun, previousRun, weeklyScheduleFromEnv, type WeeklySchedule } from "./schedule";
import { lastWeeklyExport, runWeeklyExport } from "./weekly";

type ExportGlobal = typeof globalThis & { pitstopWeeklyExport?: WeeklyExportTimer };

const SCHEDULER_ACTOR = { kind: "system", label: "weekly export" } as const;
// A run takes seconds; a week claimed this long ago and never finished lost its instance.
const RECLAIM_AFTER_MS = 60 * 60 * 1000;

export class WeeklyExportTimer {
  #timer: NodeJS.Timeout | null = null;
  #running = false;

  constructor(
    readonly schedule: WeeklySchedule,
    readonly instance = instanceId(),
  ) {}

  get nextRunAt(): Date {
    return nextRun(new Date(), this.schedule);
  }

  async start(): Promise<void> {
    const last = await lastWeeklyExport();
    if (last && Date.parse(last.end) < previousRun(new Date(), this.schedule).getTime())
      await this.#run(previousRun(new Date(), this.schedule));
    this.#arm();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #arm(): void {
    const due = this.nextRunAt;
    this.#timer = setTimeout(
      () => void this.#run(due).finally(() => this.#arm()),
      Math.max(0, due.getTime() - Date.now()),
    );
    // The timer alone must not keep a stopping server alive.
    this.#timer.unref();
  }

  async #run(end: Date): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      const claimed = await claimScheduledRun(
        "weekly-export",
        end,
        this.instance,
        new Date(),
        RECLAIM_AFTER_MS,
      );
      if (!claimed) return;
      const run = await runWeeklyExport({
        end,
        folder: this.schedule.folder,
        trigger: "schedule",
        actor: SCHEDULER_ACTOR,
      });
      await finishScheduledRun("weekly-export", end, { rows: run.rows, problems: run.problems });
      for (const problem of run.problems) console.warn(`weekly export: ${problem}`);
    } catch (error) {
      console.error("weekly export failed", error);
    } finally {
      this.#running = false;
    }
  }
}

/** Starts the timer when PITSTOP_WEEKLY_EXPORT_DIR is set; otherwise (and in tests) it stays off. */
export function startWeeklyExport(): WeeklyExportTimer | null {
  const config = weeklyScheduleFromEnv();
  if (!config.ok) {
    console.warn(`weekly export is off: ${config.problem}`);
    return null;
  }
  if (!config.schedule) return null;
  const holder = globalThis as ExportGlobal;
  if (!holder.pitstopWeeklyExport) {
    holder.pitstopWeeklyExport = new WeeklyExportTimer(config.schedule);
    void holder.pitstopWeeklyExport
      .start()
      .catch((error) => console.error("weekly export could not start", error));
  }
  return holder.pitstopWeeklyExport;
}

export const runningWeeklyExport = (): WeeklyExportTimer | null =>
  (globalThis as ExportGlobal).pitstopWeeklyExport ?? null;
