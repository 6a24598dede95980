import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { DefinitionList } from "@/components/definition-list";
import { LatencyChart } from "@/components/latency-chart";
import { PageHeader } from "@/components/page-header";
import { ProbeConfigForm } from "@/components/probe-config-form";
import {
  ProbeStateBanner,
  ProbeStatusStrip,
  type LabelledStatus,
} from "@/components/probe-status-strip";
import { SimpleTable } from "@/components/simple-table";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import {
  PROBE_ENDPOINTS,
  probeEndpoint,
  type ProbeEndpointId,
  type ProbeEnvironment,
} from "@/lib/probes/catalogue";
import {
  INTERVAL_BOUNDS_S,
  probeConfigFormValues,
  probeEnvProblem,
  probesDisabledByEnv,
  type ProbeConfig,
} from "@/lib/probes/config";
import { loadProbeConfig } from "@/lib/probes/config-store";
import {
  parseProbeRange,
  PROBE_RANGE_LABELS,
  PROBE_RANGES,
  type ProbeRange,
} from "@/lib/probes/range";
import { runningProbeScheduler, type ProbeSchedulerState } from "@/lib/probes/scheduler";
import {
  latestProbeSamples,
  probeChart,
  PROBE_TABLE_COLUMNS,
  probeSchedulerOverview,
  probeStatuses,
  type LatestProbeSample,
  type ProbeCycleRecord,
} from "@/lib/probes/store";
import { saveProbeConfigAction } from "./actions";

export const metadata: Metadata = { title: "Vendor probes" };

const panel =
  "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
const utc = (date: Date | null | undefined) =>
  date ? `${date.toISOString().replace("T", " ").slice(0, 19)} UTC` : null;
const seconds = (ms: number) =>
  `${(ms / 1000).toLocaleString("en-US", { maximumFractionDigits: 1 })} s`;

function RangePicker({ current }: { current: ProbeRange }) {
  return (
    <nav aria-label="Time range" className="flex flex-wrap gap-1">
      {(Object.keys(PROBE_RANGES) as ProbeRange[]).map((range) => (
        <Link
          key={range}
          href={`/probes?range=${range}`}
          aria-current={range === current ? "page" : undefined}
          className={`rounded-md border px-3 py-1.5 text-sm ${
            range === current
              ? "border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900"
              : "border-slate-300 dark:border-slate-700"
          }`}
        >
          {PROBE_RANGE_LABELS[range]}
        </Link>
      ))}
    </nav>
  );
}

function schedulerStatus(
  state: ProbeSchedulerState | null,
  config: ProbeConfig,
  holder: string | null,
): string {
  if (probesDisabledByEnv()) return "off (PITSTOP_PROBES=off on this server)";
  if (!state) return "not running in this server process";
  if (!config.enabled) return "disabled in the settings below";
  if (holder === state.instanceId)
    return state.cycleRunning
      ? "probing now on this instance"
      : "this instance probes; waiting for the next cycle";
  if (holder) return `standing by: instance ${holder} probes`;
  return "no instance holds the probes; the first to beat takes them";
}

function lastCycleText(cycle: ProbeCycleRecord | null): string | null {
  if (!cycle) return null;
  const where = `${utc(cycle.startedAt)} on ${cycle.holder}`;
  const outcome = cycle.outcome;
  if (!outcome) return where;
  if ("samples" in outcome)
    return `${where} · ${outcome.samples} probes, ${outcome.failed} failed (5xx, timeout or other error)`;
  if ("error" in outcome) return `${where} · failed: ${outcome.error}`;
  return `${where} · probes were disabled`;
}

function SchedulerState({
  state,
  config,
  overview,
}: {
  state: ProbeSchedulerState | null;
  config: ProbeConfig;
  overview: Awaited<ReturnType<typeof probeSchedulerOverview>>;
}) {
  return (
    <DefinitionList
      items={[
        ["Scheduler", schedulerStatus(state, config, overview.holder)],
        ["Interval", state ? seconds(state.intervalMs) : `${config.intervalS} s`],
        ["Probe timeout", state ? seconds(state.timeoutMs) : null],
        ["Last cycle (any instance)", lastCycleText(overview.lastCycle)],
        ["This instance", state?.instanceId ?? null],
        ["Cycles run here", state ? state.cycles.toLocaleString("en-US") : null],
        [
          "Cycles skipped here (previous one still running)",
          state ? state.skippedCycles.toLocaleString("en-US") : null,
        ],
        ["Last error here", state?.lastError ?? null],
      ]}
    />
  );
}

function LatestSamples({
  environment,
  samples,
}: {
  environment: ProbeEnvironment;
  samples: LatestProbeSample[];
}) {
  if (samples.length === 0)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No probe of {environment} has been recorded yet.
      </p>
    );
  return (
    <SimpleTable
      caption={`Latest probe of each ${environment} endpoint`}
      columns={[
        "Endpoint",
        "Sent (UTC)",
        "Status",
        "Latency",
        "Remaining quota",
        "Correlation id",
        "Problem",
      ]}
      rows={samples.map((sample) => [
        probeEndpoint(sample.endpoint as ProbeEndpointId)?.label ?? sample.endpoint,
        sample.sentAt.toISOString().slice(11, 19),
        sample.status === 0 ? "no answer" : sample.status,
        `${sample.latencyMs.toLocaleString("en-US", { maximumFractionDigits: 1 })} ms`,
        sample.rateLimitRemaining === null
          ? "—"
          : `${sample.rateLimitRemaining} of ${sample.rateLimitLimit ?? "?"}`,
        <code key="id" className="text-xs">
          {sample.correlationId}
        </code>,
        sample.errorKind ??
          (sample.retryAfterS !== null ? `Retry-After ${sample.retryAfterS} s` : "—"),
      ])}
    />
  );
}

// The table view holds the newest minutes; the CSV has the whole range.
const TABLE_ROWS = 120;

async function EnvironmentSection({
  environment,
  range,
  probed,
  statuses,
}: {
  environment: ProbeEnvironment;
  range: ProbeRange;
  probed: boolean;
  statuses: LabelledStatus[];
}) {
  const to = new Date();
  const from = new Date(to.getTime() - PROBE_RANGES[range]);
  const [{ series, rows }, latest] = await Promise.all([
    probeChart({ environment, from, to }),
    latestProbeSamples(environment),
  ]);
  const title = `${environment}: vendor latency, failures and 429s, ${PROBE_RANGE_LABELS[range]}`;
  return (
    <section aria-labelledby={`${environment}-heading`} className="space-y-3">
      <h2 id={`${environment}-heading`} className="text-lg font-semibold">
        {environment}{" "}
        {probed ? null : (
          <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
            (not probed in the current settings)
          </span>
        )}
      </h2>
      <ProbeStatusStrip environment={environment} statuses={statuses} />
      <LatencyChart
        series={series}
        title={title}
        xDomain={[from.getTime(), to.getTime()]}
        csvHref={`/api/v1/probes/series.csv?environment=${environment}&range=${range}`}
        table={{
          columns: PROBE_TABLE_COLUMNS,
          rows: rows
            .slice(-TABLE_ROWS)
            .reverse()
            .map((row) => [...row.slice(0, -1), row.at(-1) === null ? null : `${row.at(-1)} %`]),
          note:
            rows.length > TABLE_ROWS
              ? `The newest ${TABLE_ROWS} of ${rows.length} minutes, newest first; the CSV has them all.`
              : "Newest first.",
        }}
      />
      <LatestSamples environment={environment} samples={latest} />
    </section>
  );
}

export default async function ProbesPage({ searchParams }: PageProps<"/probes">) {
  const user = await requirePermission("probe.read");
  const { range, problem } = parseProbeRange((await searchParams).range);
  const stored = await loadProbeConfig();
  const { config } = stored;
  const state = runningProbeScheduler()?.state() ?? null;
  const overview = await probeSchedulerOverview();
  const statuses: LabelledStatus[] = (await probeStatuses(config.thresholds)).map((status) => ({
    ...status,
    label: probeEndpoint(status.endpoint as ProbeEndpointId).label,
  }));
  const notes = [problem, stored.problem, probeEnvProblem()].filter(
    (note): note is string => note !== null,
  );

  return (
    <article className="space-y-6">
      <AutoRefresh everyMs={Math.max(5, config.intervalS) * 1000} />
      <PageHeader title="Vendor probes" actions={<RangePicker current={range} />}>
        Synthetic calls to the vendor API every {config.intervalS} s, as {config.tenant} /{" "}
        {config.account}. Each endpoint is up, degraded or down by its last 10 probes; latency
        percentiles, the failed share and 429s per minute.
      </PageHeader>
      <ProbeStateBanner statuses={statuses} />
      {notes.map((note) => (
        <p
          key={note}
          role="alert"
          className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {note}
        </p>
      ))}

      <section aria-labelledby="scheduler-heading" className={panel}>
        <h2 id="scheduler-heading" className="mb-3 font-semibold">
          Scheduler
        </h2>
        <SchedulerState state={state} config={config} overview={overview} />
      </section>

      {ENVIRONMENTS.map((environment) => (
        <EnvironmentSection
          key={environment}
          environment={environment}
          range={range}
          probed={config.enabled && config.environments.includes(environment)}
          statuses={statuses.filter((status) => status.environment === environment)}
        />
      ))}

      <section aria-labelledby="settings-heading" className={panel}>
        <h2 id="settings-heading" className="mb-3 font-semibold">
          Probe settings
        </h2>
        {can(user, "probe.configure") ? (
          <ProbeConfigForm
            action={saveProbeConfigAction}
            initialValues={probeConfigFormValues(config)}
            intervalBounds={INTERVAL_BOUNDS_S}
            endpointOptions={PROBE_ENDPOINTS.map((endpoint) => ({
              value: endpoint.id,
              label: `${endpoint.label} (${endpoint.id})`,
            }))}
          />
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              Only SREs and admins change these.
            </p>
            <DefinitionList
              items={[
                ["Probing", config.enabled ? "enabled" : "disabled"],
                ["Interval", `${config.intervalS} s`],
                ["Tenant / account", `${config.tenant} / ${config.account}`],
                ...config.environments.map((env): [string, React.ReactNode] => [
                  `Endpoints in ${env}`,
                  config.endpoints[env].join(", ") || "none",
                ]),
              ]}
            />
          </>
        )}
      </section>
    </article>
  );
}
