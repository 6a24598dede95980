// What an SRE asks a soak run to do, and the arithmetic of its rate schedule. The bounds keep a
// run small enough to be safe: loopback targets only, at most 30 minutes, a capped rate and a
// capped request budget. Shared by the form, the API, the CLI and the runner.
import { isIP } from "node:net";
import { z } from "zod";
import { environmentSchema } from "@/lib/incidents/schema";
import { requiredText, text } from "@/lib/validation/text";

export const SOAK_LIMITS = {
  maxDurationS: 1_800,
  maxRate: 20_000,
  maxBudget: 2_000_000,
  maxStepDurationS: 600,
  maxTimeoutMs: 30_000,
  maxConnections: 1_024,
} as const;

export const SOAK_METHODS = ["GET", "POST"] as const;

/** A run passes when at least this share of its requests (of the steps that count) got a 2xx. */
export const DEFAULT_SUCCESS_THRESHOLD_PCT = 99;

const rate = (field: string) =>
  z
    .number({ error: `${field} must be a number of requests per second` })
    .positive({ error: `${field} must be above 0` })
    .max(SOAK_LIMITS.maxRate, {
      error: `${field} may be at most ${SOAK_LIMITS.maxRate} requests per second`,
    });

export const constantScheduleSchema = z.object({ kind: z.literal("constant"), rate: rate("rate") });

export const stepScheduleSchema = z
  .object({
    kind: z.literal("steps"),
    startRate: rate("startRate"),
    stepBy: rate("stepBy"),
    ceiling: rate("ceiling"),
    stepDurationS: z
      .number()
      .int({ error: "stepDurationS must be whole seconds" })
      .min(1, { error: "stepDurationS must be at least 1 second" })
      .max(SOAK_LIMITS.maxStepDurationS, {
        error: `stepDurationS may be at most ${SOAK_LIMITS.maxStepDurationS} seconds`,
      }),
  })
  .refine((schedule) => schedule.ceiling >= schedule.startRate, {
    error: "ceiling must be at least startRate",
    path: ["ceiling"],
  });

export const scheduleSchema = z.discriminatedUnion(
  "kind",
  [constantScheduleSchema, stepScheduleSchema],
  {
    error: "schedule.kind must be constant or steps",
  },
);
export type Schedule = z.infer<typeof scheduleSchema>;

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Loopback only: a soak run is load, and load may only ever point at this machine. */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (LOOPBACK_NAMES.has(host)) return true;
  return isIP(host) === 4 && host.startsWith("127.");
}

/**
 * Whether a target is a vendor API endpoint that wants an API key and a bearer token: the
 * versioned paths (/v1/..., Smartcar's /v2.0/...), as opposed to /status, /health or JWKS.
 */
export const targetNeedsCredentials = (targetUrl: string) =>
  /\/v\d+(?:\.\d+)?\//.test(new URL(targetUrl).pathname);

export const retryOptionSchema = z.object({
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(5, { error: "retry.maxAttempts may be at most 5" })
    .default(3),
  baseMs: z.number().int().min(1).max(10_000).default(200),
  capMs: z.number().int().min(1).max(30_000).default(30_000),
});

export const credentialsSchema = z
  .object({
    apiKey: requiredText("apiKey", 500, { verbatim: true }).optional(),
    bearerToken: requiredText("bearerToken", 5_000, { verbatim: true }).optional(),
    apiVersion: requiredText("apiVersion", 40, { verbatim: true }).optional(),
  })
  .default({});
export type SoakCredentials = z.infer<typeof credentialsSchema>;

export const soakPlanSchema = z
  .object({
    name: requiredText("name", 120),
    environment: environmentSchema,
    targetUrl: z
      .url({ protocol: /^https?$/, error: "targetUrl must be an http(s) URL" })
      .refine((value) => isLoopbackUrl(new URL(value)), {
        error: "targetUrl must be a loopback address (localhost, 127.x.x.x or ::1)",
      }),
    method: z.enum(SOAK_METHODS, { error: "method must be GET or POST" }).default("GET"),
    body: text("body", { max: 10_000, multiline: true, verbatim: true }).optional(),
    credentials: credentialsSchema,
    schedule: scheduleSchema,
    durationS: z
      .number({ error: "durationS must be a number of seconds" })
      .int({ error: "durationS must be whole seconds" })
      .min(1, { error: "durationS must be at least 1 second" })
      .max(SOAK_LIMITS.maxDurationS, {
        error: `durationS may be at most ${SOAK_LIMITS.maxDurationS} seconds (30 minutes)`,
      }),
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(SOAK_LIMITS.maxTimeoutMs, {
        error: `timeoutMs may be at most ${SOAK_LIMITS.maxTimeoutMs}`,
      })
      .default(5_000),
    connections: z
      .number()
      .int()
      .min(1)
      .max(SOAK_LIMITS.maxConnections, {
        error: `connections may be at most ${SOAK_LIMITS.maxConnections}`,
      })
      .default(100),
    retry: retryOptionSchema.optional(),
    successThresholdPct: z
      .number({ error: "successThresholdPct must be a percentage" })
      .min(0, { error: "successThresholdPct must be at least 0" })
      .max(100, { error: "successThresholdPct may be at most 100" })
      .default(DEFAULT_SUCCESS_THRESHOLD_PCT),
    requestBudget: z.number().int().min(1).max(SOAK_LIMITS.maxBudget).optional(),
  })
  .superRefine((plan, context) => {
    const planned = plannedArrivals(plan.schedule, plan.durationS);
    const budget = plan.requestBudget ?? planned;
    if (budget > SOAK_LIMITS.maxBudget) {
      context.addIssue({
        code: "custom",
        path: ["schedule"],
        message: `this schedule plans ${planned.toLocaleString("en")} requests; a run may send at most ${SOAK_LIMITS.maxBudget.toLocaleString("en")}`,
      });
    }
  });
export type SoakPlanInput = z.input<typeof soakPlanSchema>;
export type SoakPlan = z.output<typeof soakPlanSchema>;

export type ScheduleStep = { index: number; rate: number; startS: number; endS: number };

function stepCount(schedule: Extract<Schedule, { kind: "steps" }>): number {
  return Math.floor((schedule.ceiling - schedule.startRate) / schedule.stepBy + 1e-9) + 1;
}

/** The steps of a schedule over a run of `durationS`; a constant schedule is one step. The last step holds until the end. */
export function scheduleSteps(schedule: Schedule, durationS: number): ScheduleStep[] {
  if (schedule.kind === "constant")
    return [{ index: 0, rate: schedule.rate, startS: 0, endS: durationS }];
  const steps: ScheduleStep[] = [];
  const count = stepCount(schedule);
  for (let index = 0; index < count; index++) {
    const startS = index * schedule.stepDurationS;
    if (startS >= durationS) break;
    const last = index === count - 1;
    const endS = last ? durationS : Math.min(durationS, startS + schedule.stepDurationS);
    steps.push({ index, rate: schedule.startRate + index * schedule.stepBy, startS, endS });
  }
  return steps;
}

/** The step in force at `elapsedS` seconds into the run. */
export function stepAt(steps: readonly ScheduleStep[], elapsedS: number): ScheduleStep {
  for (let index = steps.length - 1; index > 0; index--) {
    if (elapsedS >= steps[index]!.startS) return steps[index]!;
  }
  return steps[0]!;
}

/** How many arrivals the schedule has due by `elapsedS` (the integral of the rate), rounded down. */
export function arrivalsDueBy(steps: readonly ScheduleStep[], elapsedS: number): number {
  let due = 0;
  for (const step of steps) {
    if (elapsedS <= step.startS) break;
    due += step.rate * (Math.min(elapsedS, step.endS) - step.startS);
  }
  return Math.floor(due + 1e-9);
}

/** Requests the schedule plans over the whole run (its default request budget). */
export function plannedArrivals(schedule: Schedule, durationS: number): number {
  const steps = scheduleSteps(schedule, durationS);
  return arrivalsDueBy(steps, durationS);
}

/**
 * The most requests a run may send, retries included: the plan's own budget, else the planned
 * arrivals, times the retry attempts when retries are on (so the default leaves them room),
 * within SOAK_LIMITS.maxBudget.
 */
export function requestBudgetOf(
  plan: Pick<SoakPlan, "schedule" | "durationS" | "requestBudget" | "retry">,
): number {
  if (plan.requestBudget !== undefined) return plan.requestBudget;
  const planned = plannedArrivals(plan.schedule, plan.durationS);
  return Math.min(SOAK_LIMITS.maxBudget, planned * (plan.retry?.maxAttempts ?? 1));
}

/**
 * A schedule's arrivals in order. Arrival k is due at the moment the schedule's integral reaches
 * k: the first goes at 0, a step at R req/s spaces its arrivals 1/R s apart from its start, and a
 * run has exactly plannedArrivals() of them. Walked forwards only, so it stays O(1) per arrival
 * however many steps there are.
 */
export class ArrivalTimeline {
  readonly total: number;
  readonly #steps: readonly ScheduleStep[];
  /** The integral of the rate at each step's start and, last, at the end of the run. */
  readonly #integralAt: number[];
  #current = 0;

  constructor(steps: readonly ScheduleStep[], durationS: number) {
    this.#steps = steps;
    this.#integralAt = [0];
    for (const step of steps)
      this.#integralAt.push(this.#integralAt.at(-1)! + step.rate * (step.endS - step.startS));
    this.total = arrivalsDueBy(steps, durationS);
  }

  /** How many arrivals are due by `elapsedS` (those due at or before it). */
  dueBy(elapsedS: number): number {
    if (elapsedS < 0) return 0;
    return Math.min(this.total, arrivalsDueBy(this.#steps, elapsedS) + 1);
  }

  /** The step arrival `index` falls in; indexes must not go backwards between calls. */
  stepOf(index: number): ScheduleStep {
    while (
      this.#current < this.#steps.length - 1 &&
      index >= this.#integralAt[this.#current + 1]! - 1e-9
    )
      this.#current++;
    return this.#steps[this.#current]!;
  }

  /** When arrival `index` is due, in seconds from the start; indexes must not go backwards between calls. */
  offsetS(index: number): number {
    const step = this.stepOf(index);
    return Math.max(step.startS, step.startS + (index - this.#integralAt[step.index]!) / step.rate);
  }
}
