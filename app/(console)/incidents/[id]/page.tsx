import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { AuditTrail } from "@/components/audit-trail";
import { SeverityBadge, StatusBadge } from "@/components/badges";
import { DefinitionList } from "@/components/definition-list";
import { DiagnosisPanel, type DiagnosisRun } from "@/components/diagnosis-panel";
import { LiveUpdates } from "@/components/live-updates";
import { LoadingRows } from "@/components/loading-rows";
import { MaskedSecretsNote } from "@/components/masked-secrets-note";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { explainIncident } from "@/lib/diagnosis/classifier";
import {
  checkRunsOf,
  diagnosisOf,
  RECENT_RUNS,
  type StoredCheckRun,
} from "@/lib/diagnosis/diagnose";
import { storedAnswers } from "@/lib/diagnosis/interview-answers";
import { incidentVersion } from "@/lib/incidents/live";
import { getIncident, incidentHistory } from "@/lib/incidents/store";
import { vendorConnectionLabel } from "@/lib/vendors/store";
import { ChangeTimelineSection } from "./change-timeline-section";
import { FieldReportsSection } from "./field-reports-section";
import { RunbookSuggestionsSection } from "./runbook-suggestions-section";
import { TeamSection } from "./team-section";
import { TimelineSection } from "./timeline-section";
import { VendorHistory } from "./vendor-history";

export const metadata: Metadata = { title: "Incident" };

const toDiagnosisRun = (run: StoredCheckRun): DiagnosisRun => ({
  runId: run.id,
  startedAt: run.startedAt.toISOString(),
  diagnosis: run.diagnosis!,
  results: run.results,
});

export default async function IncidentPage({ params, searchParams }: PageProps<"/incidents/[id]">) {
  const user = await requirePermission("incident.read");
  const { id } = await params;
  const { error } = await searchParams;
  const [incident, history, runs, answers, version] = await Promise.all([
    getIncident(id),
    incidentHistory(id),
    checkRunsOf(id, RECENT_RUNS),
    storedAnswers(id),
    incidentVersion(id),
  ]);
  if (!incident) notFound();
  // One reading of the text serves the ranking and "Seen in the field".
  const explained = explainIncident(incident);
  const vendorConnection = await vendorConnectionLabel(incident.vendorConnectionId);
  const current = diagnosisOf(explained.causes, runs, answers);
  const writable = can(user, "incident.write");
  const [latest, previous] = runs.filter((run) => run.diagnosis).map(toDiagnosisRun);

  return (
    <article className="space-y-6">
      <PageHeader
        title={incident.title}
        actions={
          writable ? (
            <Link
              href={`/incidents/${id}/edit`}
              className="rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700"
            >
              Edit
            </Link>
          ) : null
        }
      >
        <span className="mr-2">
          <SeverityBadge severity={incident.severity} />
        </span>
        <StatusBadge status={incident.status} /> · {incident.environment} · {incident.tenant} ·
        filed by {incident.reporterLabel}
      </PageHeader>

      <LiveUpdates
        versionUrl={`/api/v1/incidents/${id}/live`}
        presenceUrl={`/api/v1/incidents/${id}/presence`}
        renderedVersion={version ?? ""}
      />

      <RunbookSuggestionsSection user={user} incident={incident} />

      {typeof error === "string" ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}

      <TeamSection user={user} incident={incident} topCause={current.ranked[0]!.cause} />

      <section
        aria-labelledby="error-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="error-heading" className="mb-2 font-semibold">
          Error string
        </h2>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-slate-100 p-3 font-mono text-sm dark:bg-slate-800">
          {incident.errorString}
        </pre>
        <MaskedSecretsNote count={incident.maskedSecrets} />
        <p className="mt-2 text-sm">
          Signature:{" "}
          <Link
            href={`/incidents?signature=${encodeURIComponent(incident.signature)}`}
            className="font-mono text-blue-700 hover:underline dark:text-blue-400"
          >
            {incident.signature}
          </Link>
        </p>
      </section>

      <section
        aria-labelledby="context-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="context-heading" className="mb-3 font-semibold">
          Context
        </h2>
        <DefinitionList
          items={[
            ["Correlation id", <code key="c">{incident.correlationId}</code>],
            ["Occurred at (UTC)", incident.occurredAt.toISOString().replace("T", " ").slice(0, 19)],
            ["HTTP status", incident.httpStatus],
            ["VIN", incident.vin ? <code key="v">{incident.vin}</code> : null],
            ["Account ref", incident.accountRef],
            ["Vendor connection", vendorConnection],
            [
              "SDK",
              incident.sdkName
                ? `${incident.sdkName} ${incident.sdkVersion ?? ""}`.trim()
                : incident.sdkVersion,
            ],
            ["API version", incident.apiVersion],
            ["App version", incident.appVersion],
            ["OAuth scopes", incident.scopes.length ? incident.scopes.join(" ") : null],
            [
              "Resolved at (UTC)",
              incident.resolvedAt?.toISOString().replace("T", " ").slice(0, 19) ?? null,
            ],
          ]}
        />
      </section>

      <DiagnosisPanel
        incidentId={id}
        canRun={can(user, "checks.run")}
        canAnswer={can(user, "incident.answer")}
        latest={latest ?? null}
        previous={previous ?? null}
        current={current}
        answers={answers}
      />

      <FieldReportsSection explained={explained} />

      <TimelineSection user={user} incident={incident} />

      {/* Streamed only once the incident is known, so an unknown id still answers 404. */}
      <Suspense fallback={<LoadingRows label="Loading vendor history and changes" rows={4} />}>
        <VendorHistory environment={incident.environment} occurredAt={incident.occurredAt} />
        {can(user, "change.read") ? <ChangeTimelineSection incident={incident} /> : null}
      </Suspense>

      <section
        aria-labelledby="history-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="history-heading" className="mb-3 font-semibold">
          History
        </h2>
        <AuditTrail items={history} />
      </section>
    </article>
  );
}
