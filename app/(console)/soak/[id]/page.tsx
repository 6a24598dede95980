import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DefinitionList } from "@/components/definition-list";
import { MaskedSecretsNote } from "@/components/masked-secrets-note";
import { PageHeader } from "@/components/page-header";
import { SoakBreakpoint } from "@/components/soak-breakpoint";
import { SoakLiveChart } from "@/components/soak-live-chart";
import { SoakStatusBadge } from "@/components/soak-status-badge";
import { SoakStepTable } from "@/components/soak-step-table";
import { SoakStatusTable, SoakVerdictBadge, SoakVerdictPanel } from "@/components/soak-verdict";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import {
  describeSchedule,
  formatRate,
  soakRunProgress,
  soakRunSeries,
} from "@/lib/load/run-series";
import { getSoakRun, isActiveStatus, soakSeconds } from "@/lib/load/store";
import { soakVerdict } from "@/lib/load/verdict";
import { cancelSoakRunAction } from "../actions";

export const metadata: Metadata = { title: "Soak run" };

const utc = (date: Date | null) => date?.toISOString().replace("T", " ").slice(0, 19) ?? null;
const ms = (value: number | null) =>
  value === null ? null : `${value.toLocaleString("en", { maximumFractionDigits: 1 })} ms`;
const panel =
  "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
const download = "rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700";

export default async function SoakRunPage({ params, searchParams }: PageProps<"/soak/[id]">) {
  const user = await requirePermission("soak.read");
  const { id } = await params;
  const { error } = await searchParams;
  const [run, seconds] = await Promise.all([getSoakRun(id), soakSeconds(id)]);
  if (!run) notFound();
  const { plan, summary } = run;
  const active = isActiveStatus(run.status);
  const verdict = soakVerdict(plan, run.status, summary);

  return (
    <article className="space-y-6">
      <PageHeader
        title={run.name}
        actions={
          <>
            {active && can(user, "soak.run") ? (
              <form action={cancelSoakRunAction.bind(null, id)}>
                <button
                  type="submit"
                  disabled={Boolean(run.cancelRequestedAt)}
                  className="rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
                >
                  {run.cancelRequestedAt ? "Cancelling…" : "Cancel run"}
                </button>
              </form>
            ) : null}
            <a href={`/api/v1/soak-runs/${id}/samples.csv`} download className={download}>
              Download CSV
            </a>
            <a href={`/api/v1/soak-runs/${id}/summary.json`} download className={download}>
              Download summary JSON
            </a>
          </>
        }
      >
        <SoakStatusBadge status={run.status} />
        {verdict ? (
          <>
            {" "}
            <SoakVerdictBadge verdict={verdict} />
          </>
        ) : null}{" "}
        · {run.environment} · {describeSchedule(plan.schedule)} for {run.durationS} s · started from{" "}
        {run.origin === "cli" ? "the CLI" : "the app"}
        {run.createdByLabel ? ` by ${run.createdByLabel}` : ""}
      </PageHeader>

      {typeof error === "string" ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      {run.failureReason ? (
        <p
          role="alert"
          className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {run.failureReason}
        </p>
      ) : null}

      <section aria-labelledby="chart-heading" className="space-y-2">
        <h2 id="chart-heading" className="font-semibold">
          Latency, failures and 429s
        </h2>
        <SoakLiveChart
          runId={id}
          title="Soak run latency, failures and 429s per second"
          initial={{
            status: run.status,
            progress: soakRunProgress(run.durationS, seconds),
            series: soakRunSeries(plan, seconds, summary?.breakpoint ?? null),
          }}
        />
      </section>

      {/* Below the chart, not above it: the verdict's reasons arrive when the run ends, and
          would otherwise push down the chart the on-caller is watching. */}
      <SoakVerdictPanel verdict={verdict} />

      {summary ? (
        <>
          <section aria-labelledby="breakpoint-heading" className={panel}>
            <h2 id="breakpoint-heading" className="mb-3 font-semibold">
              Breakpoint
            </h2>
            <SoakBreakpoint breakpoint={summary.breakpoint} />
          </section>

          <section aria-labelledby="steps-heading" className="space-y-3">
            <h2 id="steps-heading" className="font-semibold">
              Steps
            </h2>
            <SoakStepTable steps={summary.steps} />
          </section>

          <section aria-labelledby="totals-heading" className={panel}>
            <h2 id="totals-heading" className="mb-3 font-semibold">
              Totals
            </h2>
            <DefinitionList
              items={[
                [
                  "Requests sent",
                  `${summary.requestsSent.toLocaleString("en")} of a budget of ${summary.requestBudget.toLocaleString("en")}`,
                ],
                [
                  "Achieved rate",
                  `${formatRate(summary.achievedRate)} (scheduled ${formatRate(summary.scheduledRate)})`,
                ],
                ["Answered", summary.totals.completed.toLocaleString("en")],
                [
                  "p50 / p95 / p99",
                  [summary.totals.p50Ms, summary.totals.p95Ms, summary.totals.p99Ms]
                    .map((value) => ms(value) ?? "—")
                    .join(" / "),
                ],
                ["Slowest", ms(summary.totals.maxMs)],
                ["2xx answers", summary.totals.ok.toLocaleString("en")],
                ["429 answers", summary.totals.status429.toLocaleString("en")],
                ["5xx answers", summary.totals.status5xx.toLocaleString("en")],
                ["No usable answer", summary.totals.errors.toLocaleString("en")],
                [
                  "Elapsed",
                  `${(summary.elapsedMs / 1000).toLocaleString("en", { maximumFractionDigits: 1 })} s`,
                ],
                ["Ended early because", summary.reason ?? null],
              ]}
            />
          </section>

          <section aria-labelledby="statuses-heading" className="space-y-3">
            <h2 id="statuses-heading" className="font-semibold">
              Responses by status
            </h2>
            <SoakStatusTable summary={summary} />
          </section>
        </>
      ) : active ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Per-step results, the breakpoint and error counts appear when the run ends.
        </p>
      ) : null}

      <section aria-labelledby="plan-heading" className={panel}>
        <h2 id="plan-heading" className="mb-3 font-semibold">
          Plan
        </h2>
        <DefinitionList
          items={[
            [
              "Target",
              <code key="t" className="break-all">
                {plan.method} {plan.targetUrl}
              </code>,
            ],
            ["Environment", plan.environment],
            ["Schedule", describeSchedule(plan.schedule)],
            ["Duration", `${plan.durationS} s`],
            ["Request budget", plan.requestBudget.toLocaleString("en")],
            ["Timeout", `${plan.timeoutMs.toLocaleString("en")} ms`],
            ["Connections", plan.connections],
            [
              "Retries",
              plan.retry
                ? `up to ${plan.retry.maxAttempts} attempts, full jitter (base ${plan.retry.baseMs} ms, cap ${plan.retry.capMs} ms)`
                : "off",
            ],
            ["API key", plan.credentialHints.apiKey],
            ["Bearer token", plan.credentialHints.bearerToken],
            ["API version", plan.apiVersion],
            ["Created (UTC)", utc(run.createdAt)],
            ["Started (UTC)", utc(run.startedAt)],
            ["Finished (UTC)", utc(run.finishedAt)],
          ]}
        />
        <MaskedSecretsNote count={run.maskedSecrets} />
      </section>
    </article>
  );
}
