import "server-only";
// The synthetic-probe loop inside the app server. Every interval it probes the configured
// endpoints, stores the samples, rolls finished minutes up and applies retention. Cycles never
// overlap: one still running when the next is due (a hanging vendor, a slow disk) makes that
// next one be skipped and counted, so probes cannot pile up.
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
};

export type ProbeCycleSummary = {
  startedAt: Date;
  finishedAt: Date;
  samples: number;
  failed: number;
};

export type ProbeSchedulerState = {
  started: boolean;
  enabled: boolean;
  intervalMs: number;
  timeoutMs: number;
  cycles: number;
  skippedCycles: number;
  cycleRunning: boolean;
  lastCycle: ProbeCycleSummary | null;
  lastError: string | null;
};

export class ProbeScheduler {
  readonly #options: ProbeSchedulerOptions;
  readonly #client: TelematicsClient;
  readonly #credentials: ProbeCredentialCache;
  #timer: NodeJS.Timeout | null = null;
  #tickAt = 0;
  #cycle: Promise<void> | null = null;
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

  /** Starts probing now and then every interval. Starting twice does nothing. */
  start(): void {
    if (this.#state.started) return;
    this.#state.started = true;
    this.#tick();
  }

  /** Stops the timer and waits for a cycle in flight, so nothing writes after it returns. */
  async stop(): Promise<void> {
    this.#state.started = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#cycle;
  }

  #tick = () => {
    if (!this.#state.started) return;
    // The next tick is set before this one's work, so a slow cycle cannot stretch the interval.
    this.#tickAt = Date.now();
    this.#schedule(this.#state.intervalMs);
    if (this.#cycle) {
      this.#state.skippedCycles++;
      return;
    }
    this.#cycle = this.runCycle().finally(() => {
      this.#cycle = null;
    });
  };

  #schedule(delayMs: number) {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#tick, Math.max(0, delayMs));
    this.#timer.unref();
  }

  /** One cycle; exposed so a test or a caller can run one on demand. Never throws: a failure is kept in the state. */
  async runCycle(): Promise<void> {
    const now = () => new Date();
    const startedAt = now();
    try {
      const config = await this.#options.loadConfig();
      this.#state.enabled = config.enabled;
      const intervalMs = this.#options.timing?.intervalMs ?? config.intervalS * 1000;
      // A changed interval (the first read, or an SRE's edit) takes effect from this tick.
      if (intervalMs !== this.#state.intervalMs && this.#timer)
        this.#schedule(this.#tickAt + intervalMs - Date.now());
      this.#state.intervalMs = intervalMs;
      this.#state.timeoutMs =
        this.#options.timing?.timeoutMs ?? probeTimeoutMs(this.#state.intervalMs);
      if (!config.enabled) return;
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
    } catch (error) {
      this.#state.lastError = `${startedAt.toISOString()}: ${(error as Error).message}`;
      console.error("probe cycle failed", error);
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
