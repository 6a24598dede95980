// The accounting of a soak run: counts and HDR latency histograms (microseconds, 3 significant
// digits) per second, per step and overall, built from sample records alone. The runner feeds it
// live; the store feeds it stored samples to rebuild the summary of a run that was interrupted:
//
//   const recorder = new SoakRecorder(plan);          // plan: { schedule, durationS }
//   for (const sample of samples) recorder.record(sample);
//   const seconds = recorder.closeAllSeconds();       // SecondStats, oldest first
//   const summary = recorder.summary("interrupted", { startedAt, finishedAt, requestBudget });
//
// `sent` counts first attempts (arrivals, saturated ones included); `completed` counts every
// sample, retries included. Arrivals the runner never sent (client_saturated) have no latency
// and stay out of the histograms; everything else, timeouts included, is latency the caller saw.
import { build, type Histogram } from "hdr-histogram-js";
import { findBreakpoint } from "./breakpoint";
import { plannedArrivals, scheduleSteps, stepAt, type Schedule, type ScheduleStep } from "./plan";
import type {
  Counts,
  LatencyFigures,
  SecondStats,
  SoakErrorKind,
  SoakOutcome,
  SoakSampleRecord,
  SoakSummary,
  StepStats,
} from "./types";

function newHistogram(): Histogram {
  return build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 2,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

const msFromMicros = (micros: number) => Math.round(micros) / 1000;

/** Counts and a latency histogram for one window (a second, a step, the run). */
class Tally implements Counts {
  sent = 0;
  completed = 0;
  ok = 0;
  status429 = 0;
  status5xx = 0;
  errors = 0;
  #saturated = 0;
  #histogram: Histogram | null = null;
  #maxMicros = 0;

  add(sample: SoakSampleRecord): void {
    if (sample.attempt === 1) this.sent++;
    this.completed++;
    const status = sample.status;
    if (sample.errorKind !== null) this.errors++;
    else if (status >= 200 && status < 300) this.ok++;
    if (status === 429) this.status429++;
    else if (status >= 500 && status < 600) this.status5xx++;
    if (sample.errorKind === "client_saturated") {
      this.#saturated++;
      return;
    }
    const micros = Math.max(1, Math.round(sample.latencyMs * 1000));
    (this.#histogram ??= newHistogram()).recordValue(micros);
    if (micros > this.#maxMicros) this.#maxMicros = micros;
  }

  /** Of the requests that went out, the share the vendor failed: 5xx answers and every error but the runner's own saturation. */
  failureShare(): number {
    const wentOut = this.completed - this.#saturated;
    return wentOut === 0 ? 0 : (this.status5xx + this.errors - this.#saturated) / wentOut;
  }

  counts(): Counts {
    return {
      sent: this.sent,
      completed: this.completed,
      ok: this.ok,
      status429: this.status429,
      status5xx: this.status5xx,
      errors: this.errors,
    };
  }

  latency(): LatencyFigures {
    const histogram = this.#histogram;
    if (!histogram || histogram.totalCount === 0)
      return { p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null };
    return {
      p50Ms: msFromMicros(histogram.getValueAtPercentile(50)),
      p95Ms: msFromMicros(histogram.getValueAtPercentile(95)),
      p99Ms: msFromMicros(histogram.getValueAtPercentile(99)),
      maxMs: msFromMicros(this.#maxMicros),
    };
  }
}

export type SummaryTimes = {
  startedAt: Date;
  finishedAt: Date;
  /** Defaults to finishedAt - startedAt. */
  elapsedMs?: number;
  requestBudget: number;
  /** Requests put on the wire, retries included; defaults to the samples that were sent. */
  requestsSent?: number;
  reason?: string;
};

export class SoakRecorder {
  readonly steps: readonly ScheduleStep[];
  readonly #schedule: Schedule;
  readonly #durationS: number;
  readonly #seconds = new Map<number, Tally>();
  readonly #stepTallies: Tally[];
  readonly #total = new Tally();
  readonly #errorKinds: Partial<Record<SoakErrorKind, number>> = {};
  readonly #statusCounts: Record<string, number> = {};
  #samplesSent = 0;

  constructor(plan: { schedule: Schedule; durationS: number }) {
    this.#schedule = plan.schedule;
    this.#durationS = plan.durationS;
    this.steps = scheduleSteps(plan.schedule, plan.durationS);
    this.#stepTallies = this.steps.map(() => new Tally());
  }

  get totals(): Counts {
    return this.#total.counts();
  }

  record(sample: SoakSampleRecord): void {
    let second = this.#seconds.get(sample.second);
    if (!second) this.#seconds.set(sample.second, (second = new Tally()));
    second.add(sample);
    const step = this.#stepTallies[sample.step] ?? this.#stepTallies.at(-1)!;
    step.add(sample);
    this.#total.add(sample);
    if (sample.errorKind !== null)
      this.#errorKinds[sample.errorKind] = (this.#errorKinds[sample.errorKind] ?? 0) + 1;
    else if (sample.status > 0)
      this.#statusCounts[sample.status] = (this.#statusCounts[sample.status] ?? 0) + 1;
    if (sample.errorKind !== "client_saturated") this.#samplesSent++;
  }

  /** The figures of one second, which is then forgotten (its histogram freed); null when it saw no sample. */
  closeSecond(second: number): SecondStats | null {
    const tally = this.#seconds.get(second);
    if (!tally) return null;
    this.#seconds.delete(second);
    const step = stepAt(this.steps, second);
    return {
      second,
      step: step.index,
      targetRate: step.rate,
      ...tally.counts(),
      ...tally.latency(),
    };
  }

  /** Every second still open, oldest first. */
  closeAllSeconds(): SecondStats[] {
    return [...this.#seconds.keys()]
      .sort((a, b) => a - b)
      .flatMap((second) => this.closeSecond(second) ?? []);
  }

  stepStats(elapsedS: number): StepStats[] {
    return this.steps.flatMap((step, index) => {
      const tally = this.#stepTallies[index]!;
      if (tally.completed === 0) return [];
      const windowS = Math.max(0, Math.min(step.endS, elapsedS) - step.startS);
      return [
        {
          step: step.index,
          rate: step.rate,
          startS: step.startS,
          endS: step.endS,
          ...tally.counts(),
          ...tally.latency(),
          achievedRate: windowS > 0 ? round(tally.sent / windowS, 3) : 0,
          share429: tally.status429 / tally.completed,
          errorShare: tally.errors / tally.completed,
          failureShare: tally.failureShare(),
        },
      ];
    });
  }

  summary(outcome: SoakOutcome, times: SummaryTimes): SoakSummary {
    const elapsedMs = times.elapsedMs ?? times.finishedAt.getTime() - times.startedAt.getTime();
    // A run that went the distance dispatched over its whole duration, even when its last
    // answers came in a moment before the deadline; one cut short dispatched until it stopped.
    const dispatchS =
      outcome === "completed" && !times.reason
        ? this.#durationS
        : Math.min(this.#durationS, elapsedMs / 1000);
    const steps = this.stepStats(dispatchS);
    const summary: SoakSummary = {
      outcome,
      startedAt: times.startedAt.toISOString(),
      finishedAt: times.finishedAt.toISOString(),
      elapsedMs: Math.round(elapsedMs),
      requestBudget: times.requestBudget,
      requestsSent: times.requestsSent ?? this.#samplesSent,
      scheduledRate: round(plannedArrivals(this.#schedule, this.#durationS) / this.#durationS, 3),
      achievedRate: dispatchS > 0 ? round(this.#total.sent / dispatchS, 3) : 0,
      totals: { ...this.#total.counts(), ...this.#total.latency() },
      statusCounts: { ...this.#statusCounts },
      errorKinds: { ...this.#errorKinds },
      steps,
      breakpoint: this.#schedule.kind === "steps" ? findBreakpoint(steps) : null,
    };
    if (times.reason) summary.reason = times.reason;
    return summary;
  }
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
