// The shapes a soak run produces: every response, per-second and per-step figures, the
// breakpoint, and the sink the runner hands them to (the database in the app and the CLI,
// memory in tests and benchmarks).

/** Why a request produced no usable answer. `client_saturated`: the runner's in-flight cap was hit, so the arrival was never sent. */
export const SOAK_ERROR_KINDS = [
  "timeout",
  "connection_reset",
  "connection_refused",
  "network",
  "garbage",
  "client_saturated",
] as const;
export type SoakErrorKind = (typeof SOAK_ERROR_KINDS)[number];

/** One response (or failure), timed from its scheduled send time so queueing counts as latency. */
export type SoakSampleRecord = {
  /** Scheduled send time, epoch ms. */
  sentAt: number;
  /** Seconds since the run started, by scheduled send time. */
  second: number;
  step: number;
  /** 1 for the first try; retries count up. */
  attempt: number;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  latencyMs: number;
  correlationId: string;
  rateLimitRemaining: number | null;
  retryAfterS: number | null;
  rateLimitReset: number | null;
  errorKind: SoakErrorKind | null;
};

export type LatencyFigures = {
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
};

export type Counts = {
  /** Arrivals the schedule issued in this window (first attempts; saturated ones included). */
  sent: number;
  /** Answers or failures recorded. */
  completed: number;
  ok: number;
  status429: number;
  status5xx: number;
  errors: number;
};

export type SecondStats = Counts &
  LatencyFigures & { second: number; step: number; targetRate: number };

export type StepStats = Counts &
  LatencyFigures & {
    step: number;
    rate: number;
    startS: number;
    endS: number;
    /** Arrivals actually issued per second over the step. */
    achievedRate: number;
    share429: number;
    errorShare: number;
    /** 5xx answers, timeouts, resets, refusals and garbage over the requests sent (the runner's saturation left out). */
    failureShare: number;
  };

export type Breakpoint = {
  /** The lowest step that broke, or null when none did. */
  step: number | null;
  rate: number | null;
  /** The rate of the step just below the breakpoint; null when the first step already broke. */
  safeRate: number | null;
  /** One line per step, saying what was seen and why it did or did not count as breaking. */
  reasoning: string[];
};

export type SoakOutcome = "completed" | "cancelled" | "interrupted" | "failed";

export type SoakSummary = {
  outcome: SoakOutcome;
  /** Why the run ended other than by running its full schedule (a spent budget, a failed sink); absent otherwise. */
  reason?: string;
  startedAt: string;
  finishedAt: string;
  elapsedMs: number;
  requestBudget: number;
  requestsSent: number;
  scheduledRate: number;
  achievedRate: number;
  totals: Counts & LatencyFigures;
  /** Answers by HTTP status code ("200", "401", "429", ...); requests with no answer are in errorKinds. Absent in summaries written before it existed. */
  statusCounts?: Record<string, number>;
  errorKinds: Partial<Record<SoakErrorKind, number>>;
  steps: StepStats[];
  /** Null for a constant schedule: one step has nothing to bend against. */
  breakpoint: Breakpoint | null;
};

/** Where a run's records go, in batches; each call should be written atomically. */
export interface SoakSink {
  write(batch: { samples: SoakSampleRecord[]; seconds: SecondStats[] }): Promise<void>;
}
