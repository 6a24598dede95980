// The soak runner: an open-model load generator. Arrivals leave on the schedule's clock whatever
// the vendor does, each stamped with its intended send time, and latency runs from that time to
// the end of the response, so time spent queued behind a slow or stalled vendor counts in full
// (no coordinated omission). Every response or failure becomes a sample; samples and finished
// seconds go to the sink in batches, off the dispatch path. The run never outlives its duration
// (plus a short drain) or its request budget, and vendor behaviour never makes it throw.
import { randomUUID } from "node:crypto";
import { Pool, type Dispatcher } from "undici";
import { nextDelayMs, retryAfterMs, type RetryPolicy } from "@/lib/telematics/retry";
import { ArrivalTimeline, requestBudgetOf, stepAt, type SoakPlan } from "./plan";
import { SoakRecorder } from "./recorder";
import {
  SOAK_ERROR_KINDS,
  type SecondStats,
  type SoakErrorKind,
  type SoakOutcome,
  type SoakSampleRecord,
  type SoakSink,
  type SoakSummary,
} from "./types";

export const DEFAULT_API_VERSION = "2025-09-01";
/** The dispatcher wakes this often; arrivals that fell due meanwhile leave together, each with its own intended time. */
const TICK_MS = 1;
const SWEEP_EVERY_MS = 20;
const FLUSH_EVERY_MS = 300;
export const MAX_BATCH_SAMPLES = 5_000;
/** Samples handed to the sink and not yet stored; past this the run stops rather than let a slow sink grow memory without bound. */
export const MAX_SINK_BACKLOG_SAMPLES = 250_000;
const MAX_DRAIN_GRACE_MS = 5_000;
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const RETRYABLE_ERRORS = new Set<SoakErrorKind>([
  "timeout",
  "connection_reset",
  "connection_refused",
  "network",
]);

/** Above this many requests in flight (queued, on the wire or waiting to retry) an arrival is recorded as client_saturated and not sent, so a hanging vendor cannot exhaust memory. */
export const inFlightCap = (connections: number) => Math.max(10_000, connections * 100);
/** How long requests still in flight at the deadline may finish before they are aborted as timeouts. */
export const drainGraceMs = (timeoutMs: number) => Math.min(timeoutMs, MAX_DRAIN_GRACE_MS);

export type SoakProgress = { elapsedS: number; sent: number; completed: number };

export type RunSoakOptions = {
  sink: SoakSink;
  /** Aborting it stops arrivals, aborts what is in flight, flushes what was recorded: outcome "cancelled". */
  signal?: AbortSignal;
  /** Called with every batch (a few times a second). */
  onProgress?: (progress: SoakProgress) => void;
  /** Called on each dispatcher tick that issued arrivals: how many and when (ms since the start). For measuring the schedule's accuracy. */
  onArrivals?: (count: number, elapsedMs: number) => void;
  /** Defaults to MAX_SINK_BACKLOG_SAMPLES. */
  sinkBacklogLimit?: number;
};

class StopRequest extends Error {
  constructor(readonly why: "timeout" | "cancelled") {
    super(why === "timeout" ? "no answer before the timeout" : "the run was stopped");
  }
}

function classifyTransportError(error: Error): SoakErrorKind {
  const code = (error as { code?: string }).code ?? "";
  if (code === "ECONNREFUSED") return "connection_refused";
  if (
    code === "ECONNRESET" ||
    code === "EPIPE" ||
    code === "UND_ERR_SOCKET" ||
    code === "UND_ERR_CLOSED"
  )
    return "connection_reset";
  if (
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "ETIMEDOUT"
  )
    return "timeout";
  if (
    code.startsWith("HPE_") ||
    error.name === "HTTPParserError" ||
    code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH"
  )
    return "garbage";
  return "network";
}

const headerText = (value: Buffer | undefined) =>
  value === undefined ? "" : value.toString("latin1");

function headerInteger(value: Buffer | undefined): number | null {
  const text = headerText(value).trim();
  const number = Number(text);
  return text !== "" && Number.isFinite(number) ? Math.round(number) : null;
}

/**
 * One request (an arrival or a retry) and its undici handler. undici's legacy callbacks are used
 * on purpose: they skip the per-request controller and parsed-header object that its newer
 * handler API allocates, which shows at tens of thousands of requests a second.
 */
class Attempt implements Dispatcher.DispatchHandler {
  status = 0;
  rateLimitRemaining: number | null = null;
  rateLimitReset: number | null = null;
  retryAfter: string | null = null;
  stopping: StopRequest | null = null;
  settled = false;
  onWire = false;
  abortRequest: ((error?: Error) => void) | null = null;
  #claimsJson = false;
  #body: Buffer[] | null = null;

  constructor(
    readonly run: OpenModelRun,
    /** Intended send time, ms since the run started. */
    readonly offsetMs: number,
    readonly second: number,
    readonly step: number,
    readonly attempt: number,
    /** The arrival this request serves (its retries share it, and its correlation id); -1 for none. */
    readonly arrival: number,
  ) {}

  onConnect(abort: (error?: Error) => void): void {
    if (this.stopping) abort(this.stopping);
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true;
    this.status = statusCode;
    for (let index = 0; index < rawHeaders.length; index += 2) {
      const name = rawHeaders[index]!;
      // Compare lengths first: most headers are skipped without being decoded.
      switch (name.length) {
        case 11:
          if (headerText(name).toLowerCase() === "retry-after")
            this.retryAfter = headerText(rawHeaders[index + 1]);
          break;
        case 12:
          if (headerText(name).toLowerCase() === "content-type")
            this.#claimsJson = headerText(rawHeaders[index + 1])
              .toLowerCase()
              .includes("json");
          break;
        case 17:
          if (headerText(name).toLowerCase() === "x-ratelimit-reset")
            this.rateLimitReset = headerInteger(rawHeaders[index + 1]);
          break;
        case 21:
          if (headerText(name).toLowerCase() === "x-ratelimit-remaining")
            this.rateLimitRemaining = headerInteger(rawHeaders[index + 1]);
          break;
      }
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#claimsJson) (this.#body ??= []).push(chunk);
    return true;
  }

  onComplete(): void {
    this.run.settle(
      this,
      this.#claimsJson && this.#body !== null && !parsesAsJson(this.#body) ? "garbage" : null,
    );
  }

  onError(error: Error): void {
    this.run.settle(
      this,
      this.stopping?.why === "timeout" ? "timeout" : classifyTransportError(error),
    );
  }
}

function parsesAsJson(chunks: Buffer[]): boolean {
  try {
    JSON.parse((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Arrivals waiting for a free connection, oldest first, kept as numbers: at the in-flight cap
 * thousands wait for hundreds of milliseconds, and that many objects living that long would make
 * the garbage collector a visible part of the runner's cost. The request object is made when an
 * arrival leaves the queue.
 */
class ArrivalQueue {
  readonly #offsetMs: Float64Array;
  readonly #step: Int32Array;
  readonly #arrival: Float64Array;
  #head = 0;
  size = 0;

  constructor(readonly capacity: number) {
    this.#offsetMs = new Float64Array(capacity);
    this.#step = new Int32Array(capacity);
    this.#arrival = new Float64Array(capacity);
  }

  /** The intended send time of the oldest waiting arrival; Infinity when none waits. */
  get headOffsetMs(): number {
    return this.size === 0 ? Infinity : this.#offsetMs[this.#head]!;
  }

  push(offsetMs: number, step: number, arrival: number): void {
    const slot = (this.#head + this.size) % this.capacity;
    this.#offsetMs[slot] = offsetMs;
    this.#step[slot] = step;
    this.#arrival[slot] = arrival;
    this.size++;
  }

  /** Takes the oldest arrival as its first attempt. */
  shift(run: OpenModelRun): Attempt {
    const slot = this.#head;
    this.#head = (slot + 1) % this.capacity;
    this.size--;
    const offsetMs = this.#offsetMs[slot]!;
    return new Attempt(
      run,
      offsetMs,
      run.secondOf(offsetMs),
      this.#step[slot]!,
      1,
      this.#arrival[slot]!,
    );
  }

  clear(): void {
    this.#head = 0;
    this.size = 0;
  }
}

const NO_ERROR = 255;
const ERROR_CODES = new Map(SOAK_ERROR_KINDS.map((kind, code) => [kind, code]));
const orNaN = (value: number | null) => (value === null ? NaN : value);
const orNull = (value: number) => (Number.isNaN(value) ? null : value);

/**
 * Samples waiting for the next batch, column by column in typed arrays. Tens of thousands of
 * sample objects held for a batch interval all outlived the young generation, and copying them
 * cost more than anything but the socket writes; the objects are made as a batch leaves for the
 * sink, and die young there.
 */
class SampleColumns {
  length = 0;
  #capacity = 0;
  #sentAt = new Float64Array(0);
  #latencyMs = new Float64Array(0);
  #arrival = new Float64Array(0);
  #rateLimitRemaining = new Float64Array(0);
  #retryAfterS = new Float64Array(0);
  #rateLimitReset = new Float64Array(0);
  #second = new Int32Array(0);
  #step = new Int32Array(0);
  #status = new Int32Array(0);
  #attempt = new Uint8Array(0);
  #errorKind = new Uint8Array(0);

  push(sample: SoakSampleRecord, arrival: number): void {
    if (this.length === this.#capacity) this.#grow();
    const index = this.length++;
    this.#sentAt[index] = sample.sentAt;
    this.#latencyMs[index] = sample.latencyMs;
    this.#arrival[index] = arrival;
    this.#rateLimitRemaining[index] = orNaN(sample.rateLimitRemaining);
    this.#retryAfterS[index] = orNaN(sample.retryAfterS);
    this.#rateLimitReset[index] = orNaN(sample.rateLimitReset);
    this.#second[index] = sample.second;
    this.#step[index] = sample.step;
    this.#status[index] = sample.status;
    this.#attempt[index] = sample.attempt;
    this.#errorKind[index] =
      sample.errorKind === null ? NO_ERROR : ERROR_CODES.get(sample.errorKind)!;
  }

  /** The oldest `count` samples as records, removed from the columns. */
  take(count: number, correlationId: (arrival: number) => string): SoakSampleRecord[] {
    const records: SoakSampleRecord[] = new Array(count);
    for (let index = 0; index < count; index++) {
      const errorCode = this.#errorKind[index]!;
      records[index] = {
        sentAt: this.#sentAt[index]!,
        second: this.#second[index]!,
        step: this.#step[index]!,
        attempt: this.#attempt[index]!,
        status: this.#status[index]!,
        latencyMs: this.#latencyMs[index]!,
        correlationId: correlationId(this.#arrival[index]!),
        rateLimitRemaining: orNull(this.#rateLimitRemaining[index]!),
        retryAfterS: orNull(this.#retryAfterS[index]!),
        rateLimitReset: orNull(this.#rateLimitReset[index]!),
        errorKind: errorCode === NO_ERROR ? null : SOAK_ERROR_KINDS[errorCode]!,
      };
    }
    if (count < this.length)
      for (const column of this.#columns()) column.copyWithin(0, count, this.length);
    this.length -= count;
    return records;
  }

  #columns() {
    return [
      this.#sentAt,
      this.#latencyMs,
      this.#arrival,
      this.#rateLimitRemaining,
      this.#retryAfterS,
      this.#rateLimitReset,
      this.#second,
      this.#step,
      this.#status,
      this.#attempt,
      this.#errorKind,
    ];
  }

  #grow(): void {
    const capacity = Math.max(4_096, this.#capacity * 2);
    const grown = <T extends Float64Array | Int32Array | Uint8Array>(
      column: T,
      make: (size: number) => T,
    ): T => {
      const next = make(capacity);
      next.set(column);
      return next;
    };
    this.#sentAt = grown(this.#sentAt, (size) => new Float64Array(size));
    this.#latencyMs = grown(this.#latencyMs, (size) => new Float64Array(size));
    this.#arrival = grown(this.#arrival, (size) => new Float64Array(size));
    this.#rateLimitRemaining = grown(this.#rateLimitRemaining, (size) => new Float64Array(size));
    this.#retryAfterS = grown(this.#retryAfterS, (size) => new Float64Array(size));
    this.#rateLimitReset = grown(this.#rateLimitReset, (size) => new Float64Array(size));
    this.#second = grown(this.#second, (size) => new Int32Array(size));
    this.#step = grown(this.#step, (size) => new Int32Array(size));
    this.#status = grown(this.#status, (size) => new Int32Array(size));
    this.#attempt = grown(this.#attempt, (size) => new Uint8Array(size));
    this.#errorKind = grown(this.#errorKind, (size) => new Uint8Array(size));
    this.#capacity = capacity;
  }
}

/** Retries waiting for their time, earliest first. */
class RetryQueue {
  #heap: Attempt[] = [];

  get size(): number {
    return this.#heap.length;
  }

  peek(): Attempt | undefined {
    return this.#heap[0];
  }

  push(attempt: Attempt): void {
    const heap = this.#heap;
    heap.push(attempt);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]!.offsetMs <= attempt.offsetMs) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = attempt;
  }

  pop(): Attempt | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || !last) return top;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      if (left >= heap.length) break;
      const child =
        left + 1 < heap.length && heap[left + 1]!.offsetMs < heap[left]!.offsetMs ? left + 1 : left;
      if (heap[child]!.offsetMs >= last.offsetMs) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return top;
  }

  clear(): void {
    this.#heap = [];
  }
}

type Phase = "dispatching" | "draining" | "finished";

class OpenModelRun {
  readonly #plan: SoakPlan;
  readonly #options: RunSoakOptions;
  readonly #recorder: SoakRecorder;
  readonly #timeline: ArrivalTimeline;
  readonly #pool: Pool;
  readonly #path: string;
  readonly #baseHeaders: string[];
  readonly #budget: number;
  readonly #cap: number;
  readonly #durationMs: number;
  readonly #graceMs: number;
  readonly #retry: RetryPolicy | null;
  readonly #correlationPrefix = `soak-${randomUUID().slice(0, 8)}-`;
  readonly #correlationIdOf = (arrival: number) => this.correlationId(arrival);

  #phase: Phase = "dispatching";
  #t0 = 0;
  #startedAt = new Date();
  #nextArrival = 0;
  #arrivalsStopped = false;
  #requestsSent = 0;
  readonly #arrivals: ArrivalQueue;
  /** Retries whose time has come, waiting for a free connection, oldest first. */
  #readyRetries: Attempt[] = [];
  readonly #wire = new Set<Attempt>();
  readonly #retries = new RetryQueue();
  #pumping = false;
  /** Unresolved requests per intended second: a second is closed once it reaches 0 and the clock has passed it. */
  readonly #pendingBySecond: Int32Array;
  readonly #closedSecond: Uint8Array;
  #firstOpenSecond = 0;
  readonly #samples = new SampleColumns();
  /** One record reused for every sample: the recorder and the columns copy what they keep. */
  readonly #scratch: SoakSampleRecord = {
    sentAt: 0,
    second: 0,
    step: 0,
    attempt: 1,
    status: 0,
    latencyMs: 0,
    correlationId: "",
    rateLimitRemaining: null,
    retryAfterS: null,
    rateLimitReset: null,
    errorKind: null,
  };
  #closedSeconds: SecondStats[] = [];
  #sinkChain: Promise<void> = Promise.resolve();
  #sinkBroken = false;
  #unstoredSamples = 0;
  #failure: string | null = null;
  #endReason: string | undefined;
  #lastSweepMs = 0;
  #lastFlushMs = 0;
  #timer: NodeJS.Timeout | null = null;
  #finish!: (outcome: SoakOutcome) => void;

  constructor(plan: SoakPlan, options: RunSoakOptions) {
    this.#plan = plan;
    this.#options = options;
    this.#recorder = new SoakRecorder(plan);
    this.#timeline = new ArrivalTimeline(this.#recorder.steps, plan.durationS);
    const url = new URL(plan.targetUrl);
    this.#path = `${url.pathname}${url.search}`;
    this.#budget = requestBudgetOf(plan);
    this.#cap = inFlightCap(plan.connections);
    this.#arrivals = new ArrivalQueue(this.#cap);
    this.#durationMs = plan.durationS * 1000;
    this.#graceMs = drainGraceMs(plan.timeoutMs);
    this.#retry = plan.retry ?? null;
    this.#pendingBySecond = new Int32Array(plan.durationS + 1);
    this.#closedSecond = new Uint8Array(plan.durationS + 1);
    const { apiKey, bearerToken, apiVersion } = plan.credentials;
    this.#baseHeaders = ["x-api-version", apiVersion ?? DEFAULT_API_VERSION];
    if (apiKey) this.#baseHeaders.push("x-api-key", apiKey);
    if (bearerToken) this.#baseHeaders.push("authorization", `Bearer ${bearerToken}`);
    if (plan.method === "POST" && plan.body !== undefined)
      this.#baseHeaders.push("content-type", "application/json");
    // Timeouts are the runner's own (from the intended send time, see #sweep), so undici's
    // per-socket header and body timers are off; only connecting keeps undici's timer.
    this.#pool = new Pool(url.origin, {
      connections: plan.connections,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: { timeout: plan.timeoutMs },
    });
  }

  async run(): Promise<SoakSummary> {
    const { signal } = this.#options;
    const ended = new Promise<SoakOutcome>((resolve) => (this.#finish = resolve));
    const onAbort = () => this.#stopAll("cancelled");
    this.#t0 = performance.now();
    this.#startedAt = new Date();
    if (signal?.aborted) {
      this.#stopAll("cancelled");
    } else {
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#timer = setInterval(() => this.#safeTick(), TICK_MS);
      this.#safeTick();
    }
    let outcome = await ended;
    signal?.removeEventListener("abort", onAbort);
    const elapsedMs = this.#now();
    this.#flush(elapsedMs, true);
    await this.#sinkChain;
    await this.#pool.destroy().catch(() => undefined);
    if (this.#failure !== null) outcome = "failed";
    this.#progress(elapsedMs);
    return this.#recorder.summary(outcome, {
      startedAt: this.#startedAt,
      finishedAt: new Date(this.#startedAt.getTime() + elapsedMs),
      elapsedMs,
      requestBudget: this.#budget,
      requestsSent: this.#requestsSent,
      reason: this.#failure ?? this.#endReason,
    });
  }

  #now(): number {
    return performance.now() - this.#t0;
  }

  #inFlight(): number {
    return this.#arrivals.size + this.#readyRetries.length + this.#wire.size + this.#retries.size;
  }

  /** A fault in the runner itself ends the run as failed, with what it recorded, instead of escaping from a timer. */
  #safeTick(): void {
    try {
      this.#tick();
    } catch (error) {
      this.#fail(`the runner failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  #tick(): void {
    if (this.#phase === "finished") return;
    const now = this.#now();
    if (this.#phase === "dispatching") {
      this.#issueArrivals(now);
      this.#releaseRetries(now);
      if (now >= this.#durationMs) {
        this.#phase = "draining";
        this.#retries.clear();
      } else if (
        (this.#arrivalsStopped || this.#nextArrival >= this.#timeline.total) &&
        this.#inFlight() === 0
      ) {
        this.#end("completed");
        return;
      }
    }
    if (this.#phase === "draining") {
      if (this.#inFlight() === 0) {
        this.#end("completed");
        return;
      }
      if (now >= this.#durationMs + this.#graceMs) {
        this.#expireAll();
        this.#end("completed");
        return;
      }
    }
    if (now - this.#lastSweepMs >= SWEEP_EVERY_MS) this.#sweep(now);
    if (now - this.#lastFlushMs >= FLUSH_EVERY_MS) this.#flush(now, false);
  }

  #issueArrivals(now: number): void {
    const due = this.#timeline.dueBy(now / 1000);
    if (this.#arrivalsStopped || this.#nextArrival >= due) return;
    let issued = 0;
    while (this.#nextArrival < due) {
      if (this.#requestsSent >= this.#budget) {
        this.#arrivalsStopped = true;
        this.#endReason = `the request budget of ${this.#budget.toLocaleString("en")} was spent after ${(now / 1000).toFixed(1)} s; no further arrivals were sent`;
        break;
      }
      const index = this.#nextArrival++;
      const step = this.#timeline.stepOf(index).index;
      const offsetMs = this.#timeline.offsetS(index) * 1000;
      const second = this.secondOf(offsetMs);
      issued++;
      if (this.#inFlight() >= this.#cap) {
        this.#record(
          this.#startedAt.getTime() + offsetMs,
          second,
          step,
          1,
          0,
          0,
          null,
          null,
          null,
          "client_saturated",
          -1,
        );
        continue;
      }
      this.#requestsSent++;
      this.#pendingBySecond[second]!++;
      this.#arrivals.push(offsetMs, step, index);
    }
    if (issued > 0) this.#options.onArrivals?.(issued, now);
    this.#pump();
  }

  #releaseRetries(now: number): void {
    let next = this.#retries.peek();
    while (next && next.offsetMs <= now) {
      this.#retries.pop();
      this.#requestsSent++;
      this.#readyRetries.push(next);
      next = this.#retries.peek();
    }
    this.#pump();
  }

  /** Puts queued requests on free connections; never more in undici than there are connections, so a queued request can still time out cheaply here. */
  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      const connections = this.#plan.connections;
      while (this.#wire.size < connections) {
        const attempt = this.#takeQueued();
        if (!attempt) break;
        attempt.onWire = true;
        this.#wire.add(attempt);
        this.#pool.dispatch(
          {
            path: this.#path,
            method: this.#plan.method,
            headers: this.#baseHeaders.concat(
              "x-correlationid",
              this.correlationId(attempt.arrival),
            ),
            body: this.#plan.body,
          },
          attempt,
        );
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** The oldest waiting request, a retry or an arrival, by intended send time. */
  #takeQueued(): Attempt | undefined {
    const retry = this.#readyRetries[0];
    if (retry && retry.offsetMs <= this.#arrivals.headOffsetMs) return this.#readyRetries.shift();
    return this.#arrivals.size > 0 ? this.#arrivals.shift(this) : undefined;
  }

  secondOf(offsetMs: number): number {
    return Math.min(this.#plan.durationS - 1, Math.floor(offsetMs / 1000));
  }

  /** One id per arrival, shared by its retries, so the vendor's request log shows them together; none for an arrival never sent. */
  correlationId(arrival: number): string {
    return arrival < 0 ? "" : `${this.#correlationPrefix}${arrival}`;
  }

  /** Records a request's end; called once per attempt by its handler or by a timeout. */
  settle(attempt: Attempt, errorKind: SoakErrorKind | null): void {
    if (attempt.settled) return;
    attempt.settled = true;
    if (attempt.onWire) this.#wire.delete(attempt);
    if (this.#phase === "finished" || attempt.stopping?.why === "cancelled") return;
    const now = this.#now();
    const retryAfter = attempt.retryAfter === null ? null : retryAfterMs(attempt.retryAfter);
    this.#record(
      this.#startedAt.getTime() + attempt.offsetMs,
      attempt.second,
      attempt.step,
      attempt.attempt,
      attempt.status,
      Math.round((now - attempt.offsetMs) * 1000) / 1000,
      attempt.rateLimitRemaining,
      retryAfter === null ? null : retryAfter / 1000,
      attempt.rateLimitReset,
      errorKind,
      attempt.arrival,
    );
    this.#pendingBySecond[attempt.second]!--;
    this.#scheduleRetry(attempt, errorKind, now);
    this.#pump();
  }

  #scheduleRetry(failed: Attempt, errorKind: SoakErrorKind | null, now: number): void {
    const policy = this.#retry;
    if (!policy || failed.attempt >= policy.maxAttempts || this.#phase !== "dispatching") return;
    const retryable =
      errorKind === null ? RETRYABLE_STATUSES.has(failed.status) : RETRYABLE_ERRORS.has(errorKind);
    if (!retryable) return;
    const dueMs = now + nextDelayMs(policy, failed.attempt - 1, failed.retryAfter);
    if (dueMs >= this.#durationMs) return;
    // Retries live on what the schedule leaves of the budget: they never push out an arrival.
    const arrivalsLeft = this.#arrivalsStopped ? 0 : this.#timeline.total - this.#nextArrival;
    if (this.#requestsSent + this.#retries.size + arrivalsLeft >= this.#budget) return;
    if (this.#inFlight() >= this.#cap) return;
    const second = Math.floor(dueMs / 1000);
    const step = stepAt(this.#recorder.steps, dueMs / 1000).index;
    this.#pendingBySecond[second]!++;
    this.#retries.push(new Attempt(this, dueMs, second, step, failed.attempt + 1, failed.arrival));
  }

  #record(
    sentAt: number,
    second: number,
    step: number,
    attempt: number,
    status: number,
    latencyMs: number,
    rateLimitRemaining: number | null,
    retryAfterS: number | null,
    rateLimitReset: number | null,
    errorKind: SoakErrorKind | null,
    arrival: number,
  ): void {
    const sample = this.#scratch;
    sample.sentAt = sentAt;
    sample.second = second;
    sample.step = step;
    sample.attempt = attempt;
    sample.status = status;
    sample.latencyMs = latencyMs;
    sample.rateLimitRemaining = rateLimitRemaining;
    sample.retryAfterS = retryAfterS;
    sample.rateLimitReset = rateLimitReset;
    sample.errorKind = errorKind;
    this.#recorder.record(sample);
    this.#samples.push(sample, arrival);
  }

  /** Times out requests whose answer is overdue, counted from their intended send time. */
  #sweep(now: number): void {
    this.#lastSweepMs = now;
    const cutoff = now - this.#plan.timeoutMs;
    this.#pumping = true;
    try {
      while (this.#arrivals.headOffsetMs <= cutoff)
        this.settle(this.#arrivals.shift(this), "timeout");
      while (this.#readyRetries.length > 0 && this.#readyRetries[0]!.offsetMs <= cutoff)
        this.settle(this.#readyRetries.shift()!, "timeout");
      const overdue: Attempt[] = [];
      for (const attempt of this.#wire) if (attempt.offsetMs <= cutoff) overdue.push(attempt);
      for (const attempt of overdue) this.#stop(attempt, new StopRequest("timeout"));
    } finally {
      this.#pumping = false;
    }
    this.#pump();
  }

  #stop(attempt: Attempt, reason: StopRequest): void {
    attempt.stopping = reason;
    attempt.abortRequest?.(reason);
    // Not yet on a socket (still connecting): it ends now; undici's onConnect aborts it later.
    if (reason.why === "timeout") this.settle(attempt, "timeout");
    else attempt.settled = true;
  }

  /** The drain grace is over: whatever is still out is a timeout. */
  #expireAll(): void {
    this.#pumping = true;
    for (let attempt = this.#takeQueued(); attempt; attempt = this.#takeQueued())
      this.settle(attempt, "timeout");
    for (const attempt of [...this.#wire]) this.#stop(attempt, new StopRequest("timeout"));
    this.#pumping = false;
  }

  /** Cancellation or a failure: stop arrivals, drop what waits, abort what is on the wire (not recorded). */
  #stopAll(outcome: "cancelled" | "failed"): void {
    if (this.#phase === "finished") return;
    this.#pumping = true;
    this.#arrivals.clear();
    this.#readyRetries = [];
    this.#retries.clear();
    for (const attempt of [...this.#wire]) this.#stop(attempt, new StopRequest("cancelled"));
    this.#wire.clear();
    this.#end(outcome);
  }

  #end(outcome: SoakOutcome): void {
    if (this.#phase === "finished") return;
    this.#phase = "finished";
    if (this.#timer) clearInterval(this.#timer);
    this.#finish(outcome);
  }

  #closeReadySeconds(now: number): void {
    const passed = Math.min(this.#plan.durationS, Math.floor(now / 1000));
    for (let second = this.#firstOpenSecond; second < passed; second++) {
      if (this.#closedSecond[second] || this.#pendingBySecond[second] !== 0) continue;
      this.#closedSecond[second] = 1;
      const stats = this.#recorder.closeSecond(second);
      if (stats) this.#closedSeconds.push(stats);
    }
    while (this.#firstOpenSecond < passed && this.#closedSecond[this.#firstOpenSecond])
      this.#firstOpenSecond++;
  }

  /** Hands the sink what was recorded since the last batch, in order; the last call takes every second left. */
  #flush(now: number, final: boolean): void {
    this.#lastFlushMs = now;
    if (final) this.#closedSeconds.push(...this.#recorder.closeAllSeconds());
    else this.#closeReadySeconds(now);
    while (this.#samples.length > 0 || this.#closedSeconds.length > 0) {
      const samples = this.#samples.take(
        Math.min(MAX_BATCH_SAMPLES, this.#samples.length),
        this.#correlationIdOf,
      );
      // Seconds ride with the last batch, after every sample they count.
      const last = this.#samples.length === 0;
      const seconds = last ? this.#closedSeconds : [];
      if (last) this.#closedSeconds = [];
      this.#write({ samples, seconds });
    }
    if (!final) this.#progress(now);
  }

  /**
   * Queues a batch for the sink. Batches land one after another; once the sink has failed the
   * rest are dropped. A sink that falls too far behind stops the run, but what is queued still lands.
   */
  #write(batch: { samples: SoakSampleRecord[]; seconds: SecondStats[] }): void {
    const { sink, sinkBacklogLimit = MAX_SINK_BACKLOG_SAMPLES } = this.#options;
    this.#unstoredSamples += batch.samples.length;
    if (this.#unstoredSamples > sinkBacklogLimit) {
      this.#fail(
        `the sink fell ${this.#unstoredSamples.toLocaleString("en")} samples behind (the limit is ${sinkBacklogLimit.toLocaleString("en")}): the run stopped so its memory stays bounded`,
      );
    }
    this.#sinkChain = this.#sinkChain
      .then(async () => {
        if (this.#sinkBroken) return;
        await sink.write(batch);
        this.#unstoredSamples -= batch.samples.length;
      })
      .catch((error: unknown) => {
        this.#sinkBroken = true;
        this.#fail(
          `the sink could not store a batch: ${(error as Error)?.message ?? String(error)}`,
        );
      });
  }

  #progress(now: number): void {
    const onProgress = this.#options.onProgress;
    if (!onProgress) return;
    try {
      onProgress({
        elapsedS: Math.round(now) / 1000,
        sent: this.#requestsSent,
        completed: this.#recorder.totals.completed,
      });
    } catch (error) {
      this.#fail(`the progress callback failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  #fail(reason: string): void {
    if (this.#failure !== null) return;
    this.#failure = reason;
    this.#stopAll("failed");
  }
}

/**
 * Runs a soak plan to its end against its target and resolves with the summary: outcome
 * "completed", "cancelled" (the signal aborted) or "failed" (the sink or a callback failed; the
 * summary's `reason` says why). Never rejects because of what the vendor does.
 */
export async function runSoak(plan: SoakPlan, options: RunSoakOptions): Promise<SoakSummary> {
  const run = new OpenModelRun(plan, options);
  return run.run();
}
