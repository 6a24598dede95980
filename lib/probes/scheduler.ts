import "server-only";
// The synthetic-probe loop inside the app server. Every interval it probes the configured
// endpoints, stores the samples, rolls finished minutes up and applies retention. Cycles never
// overlap: one still running when the next is due (a hanging vendor, a slow disk) makes that
// next one be skipped and counted, so probes cannot pile up.
//
// Every app instance runs a scheduler, and one of them probes: the one holding the "probes"
// lease. Each beats twice an interval, at wall-clock boundaries; the holder renews its lease for
// one interval and runs each interval's cycle, the others stand by and take the lease once it
// runs out, so a dead holder is replaced within one and a half intervals. A cycle runs only if
// its interval's row in ScheduledRun could be inserted, which fences out a holder that was
// paused past its lease and wakes believing it still holds it.
import { VendorGateway } from "@/lib/diagnosis/vendor-gateway";
import { TelematicsClient } from "@/lib/telematics/client";
import {
  probeEndpoint as endpointOf,
  type ProbeEnvironment,
  type ProbeEndpointId,
} from "./catalogue";
import { probeTimeoutMs, type ProbeConfig, type ProbeRetention } from "./config";
import {
  credentialProblemSample,
  isCredentialProblem,
  ProbeCredentialCache,
  probeEndpoint,
  type ProbeSampleInput,
} from "./probe";
import { holdLease, releaseLease } from "@/lib/jobs/lease";
import { instanceId } from "@/lib/jobs/instance";
import {
  claimScheduledRun,
  finishScheduledRun,
  pruneScheduledRuns,
} from "@/lib/jobs/scheduled-runs";
import { isProbeFailure } from "./outcome";
import {
  pruneProbeData,
  recordProbeSamples,
  recordProbeStateChanges,
  rollUpProbeMinutes,
} from "./store";

export type ProbeSchedulerOptions = {
  vendor: { baseUrl: string; adminKey: string };
  loadConfig: () => Promise<ProbeConfig>;
  retention: ProbeRetention;
  /** Fixed timing in ms, for tests that need cycles shorter than the config's 2 s floor. */
  timing?: { intervalMs: number; timeoutMs: number };
  /** This instance's name on the lease; tests give schedulers in one process their own. */
  instanceId?: string;
};

export type ProbeCycleSummary = {
  startedAt: Date;
  finishedAt: Date;
  samples: number;
  failed: number;
};

/** How a cycle ended, as its ScheduledRun row keeps it for every instance's status page. */
export type ProbeCycleOutcome = ProbeCycleSummary | { error: string } | { disabled: true };

export type ProbeSchedulerState = {
  started: boolean;
  enabled: boolean;
  instanceId: string;
  /** Whether this instance held the probes lease at its last beat; null before the first. */
  holdsLease: boolean | null;
  intervalMs: number;
  timeoutMs: number;
  cycles: number;
  skippedCycles: number;
  cycleRunning: boolean;
  lastCycle: ProbeCycleSummary | null;
  lastError: string | null;
};

const LEASE = "probes";

export class ProbeScheduler {
  readonly #options: ProbeSchedulerOptions;
  readonly #client: TelematicsClient;
  readonly #credentials: ProbeCredentialCache;
  #timer: NodeJS.Timeout | null = null;
  #beat: Promise<void> | null = null;
  #cycle: Promise<void> | null = null;
  #lastSlot = 0;
  #state: ProbeSchedulerState;

  constructor(options: ProbeSchedulerOptions) {
    this.#options = options;
    const timeoutMs = options.timing?.timeoutMs ?? probeTimeoutMs(30_000);
    this.#client = new TelematicsClient({
      baseUrl: options.vendor.baseUrl,
      timeoutMs,
      userAgent: "pitstop-probes/1.0",
    });
    this.#credentials = new ProbeCredentialCache(
      (ms) => new VendorGateway({ ...options.vendor, timeoutMs: ms }),
    );
    this.#state = {
      started: false,
      enabled: false,
      instanceId: options.instanceId ?? instanceId(),
      holdsLease: null,
      intervalMs: options.timing?.intervalMs ?? 30_000,
      timeoutMs,
      cycles: 0,
      skippedCycles: 0,
      cycleRunning: false,
      lastCycle: null,
      lastError: null,
    };
  }

  state(): ProbeSchedulerState {
    return { ...this.#state, cycleRunning: this.#cycle !== null };
  }

  /** Beats now and then twice an interval. Starting twice does nothing. */
  start(): void {
    if (this.#state.started) return;
    this.#state.started = true;
    this.#tick();
  }

  /**
   * Stops the timer, waits for a beat and a cycle in flight (so nothing writes after it
   * returns) and gives the lease up, so a standing-by instance takes over at its next beat.
   */
  async stop(): Promise<void> {
    this.#state.started = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#beat;
    await this.#cycle;
    if (this.#state.holdsLease) await releaseLease(LEASE, this.#state.instanceId);
    this.#state.holdsLease = null;
  }

  #tick = () => {
    if (!this.#state.started) return;
    // The next beat is set before this one's work, so a slow beat cannot stretch the interval.
    const now = Date.now();
    const half = this.#state.intervalMs / 2;
    this.#schedule(half - (now % half));
    this.#beat ??= this.#beatAt(new Date(now)).finally(() => {
      this.#beat = null;
    });
  };

  #schedule(delayMs: number) {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#tick, Math.max(0, delayMs));
    this.#timer.unref();
  }

  // Renews or takes the lease; the holder then starts its interval's cycle unless a cycle is
  // still running or another instance has run it. The cycle is not awaited, so the lease is
  // renewed while a slow one runs.
  async #beatAt(at: Date): Promise<void> {
    try {
      const config = await this.#loadConfig();
      if (!config.enabled) return;
      const intervalMs = this.#state.intervalMs;
      const holds = await holdLease(LEASE, this.#state.instanceId, intervalMs, at);
      this.#state.holdsLease = holds;
      const slot = at.getTime() - (at.getTime() % intervalMs);
      if (!holds || slot === this.#lastSlot) return;
      this.#lastSlot = slot;
      if (this.#cycle) {
        this.#state.skippedCycles++;
        return;
      }
      if (!(await claimScheduledRun(LEASE, new Date(slot), this.#state.instanceId, at))) return;
      this.#cycle = this.#runSlot(config, new Date(slot), at).finally(() => {
        this.#cycle = null;
      });
    } catch (error) {
      this.#fail(at, error);
    }
  }

  async #runSlot(config: ProbeConfig, slot: Date, startedAt: Date): Promise<void> {
    const outcome = await this.#cycleWith(config, startedAt);
    try {
      await finishScheduledRun(LEASE, slot, outcome);
      await pruneScheduledRuns(
        LEASE,
        new Date(startedAt.getTime() - this.#options.retention.rawHours * 3_600_000),
      );
    } catch (error) {
      this.#fail(startedAt, error);
    }
  }

  async #loadConfig(): Promise<ProbeConfig> {
    const config = await this.#options.loadConfig();
    this.#state.enabled = config.enabled;
    const intervalMs = this.#options.timing?.intervalMs ?? config.intervalS * 1000;
    // A changed interval (the first read, or an SRE's edit) takes effect from the next beat.
    if (intervalMs !== this.#state.intervalMs && this.#timer) {
      const half = intervalMs / 2;
      this.#schedule(half - (Date.now() % half));
    }
    this.#state.intervalMs = intervalMs;
    this.#state.timeoutMs =
      this.#options.timing?.timeoutMs ?? probeTimeoutMs(this.#state.intervalMs);
    return config;
  }

  #fail(at: Date, error: unknown) {
    this.#state.lastError = `${at.toISOString()}: ${(error as Error).message}`;
    console.error("probe cycle failed", error);
  }

  /**
   * One cycle now, outside the schedule and its lease; exposed so a test or a caller can run
   * one on demand. Never throws: a failure is kept in the state.
   */
  async runCycle(): Promise<void> {
    const startedAt = new Date();
    try {
      await this.#cycleWith(await this.#loadConfig(), startedAt);
    } catch (error) {
      this.#fail(startedAt, error);
    }
  }

  async #cycleWith(config: ProbeConfig, startedAt: Date): Promise<ProbeCycleOutcome> {
    const now = () => new Date();
    try {
      if (!config.enabled) return { disabled: true };
      this.#state.cycles++;
      const samples = await Promise.all(
        config.environments.flatMap((environment) =>
          config.endpoints[environment].map((id) =>
            this.#probe(config, environment, id, startedAt),
          ),
        ),
      );
      await recordProbeSamples(samples);
      await recordProbeStateChanges(samples, config.thresholds, now());
      const { rolledThrough } = await rollUpProbeMinutes(now());
      await pruneProbeData(now(), this.#options.retention, rolledThrough);
      this.#state.lastCycle = {
        startedAt,
        finishedAt: now(),
        samples: samples.length,
        failed: samples.filter(isProbeFailure).length,
      };
      this.#state.lastError = null;
      return this.#state.lastCycle;
    } catch (error) {
      this.#fail(startedAt, error);
      return { error: (error as Error).message };
    }
  }

  async #probe(
    config: ProbeConfig,
    environment: ProbeEnvironment,
    id: ProbeEndpointId,
    sentAt: Date,
  ): Promise<ProbeSampleInput> {
    const endpoint = endpointOf(id);
    const timeoutMs = this.#state.timeoutMs;
    if (!endpoint.needsAccount)
      return probeEndpoint(this.#client, environment, endpoint, null, timeoutMs);
    const credentials = await this.#credentials.get(
      environment,
      config.tenant,
      config.account,
      timeoutMs,
    );
    if (isCredentialProblem(credentials))
      return credentialProblemSample(environment, endpoint.id, sentAt, credentials);
    const sample = await probeEndpoint(this.#client, environment, endpoint, credentials, timeoutMs);
    // A rejected token (revoked, signing key rotated) is minted afresh next cycle, not kept until it expires.
    if (sample.status === 401) this.#credentials.forget(environment, config.tenant, config.account);
    return sample;
  }
}

type SchedulerGlobal = { pitstopProbeScheduler?: ProbeScheduler };

/**
 * The process's scheduler. Kept on globalThis because instrumentation and the app's routes are
 * separate bundles (and dev reloads modules): each would otherwise see, or start, its own.
 */
export const runningProbeScheduler = (): ProbeScheduler | undefined =>
  (globalThis as SchedulerGlobal).pitstopProbeScheduler;

export function startProbeScheduler(create: () => ProbeScheduler): ProbeScheduler {
  const holder = globalThis as SchedulerGlobal;
  holder.pitstopProbeScheduler ??= create();
  holder.pitstopProbeScheduler.start();
  return holder.pitstopProbeScheduler;
}
