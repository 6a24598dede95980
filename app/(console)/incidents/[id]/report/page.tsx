import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DefinitionList } from "@/components/definition-list";
import { PrintButton } from "@/components/print-button";
import { RunbookStatusBadge } from "@/components/runbook-status-badge";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { classifyIncident } from "@/lib/diagnosis/classifier";
import { checkRunsOf, diagnosisOf, RECENT_RUNS } from "@/lib/diagnosis/diagnose";
import { storedAnswers } from "@/lib/diagnosis/interview-answers";
import { CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import { getIncident } from "@/lib/incidents/store";
import { runbookEntriesOfIncident } from "@/lib/runbooks/store";
import { suggestionsForIncident } from "@/lib/runbooks/suggestions";

export const metadata: Metadata = { title: "Incident report" };

const utc = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;
// On paper: black on white, no shadows, and a section is not split across pages where avoidable.
const block =
  "break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900 print:border-slate-400 print:bg-white print:p-0 print:pb-3 print:text-black";

/** A one-document summary of an incident for a ticket, a handover or a post-incident review. */
export default async function IncidentReportPage({ params }: PageProps<"/incidents/[id]/report">) {
  const user = await requirePermission("incident.read");
  const { id } = await params;
  const incident = await getIncident(id);
  if (!incident) notFound();
  const readsRunbooks = can(user, "runbook.read");
  const [runs, answers, linked, suggestions] = await Promise.all([
    checkRunsOf(id, RECENT_RUNS),
    storedAnswers(id),
    readsRunbooks ? runbookEntriesOfIncident(id) : Promise.resolve([]),
    readsRunbooks ? suggestionsForIncident(incident) : Promise.resolve([]),
  ]);
  const latest = runs.find((run) => run.diagnosis);
  // The ranking the incident page shows, so answers given after the last run count here too.
  const diagnosis = diagnosisOf(classifyIncident(incident).causes, runs, answers);
  const outcomes = latest
    ? latest.results.reduce<Record<string, number>>(
        (counts, result) => ({ ...counts, [result.outcome]: (counts[result.outcome] ?? 0) + 1 }),
        {},
      )
    : {};

  return (
    <article className="mx-auto max-w-4xl space-y-5 print:max-w-none print:space-y-3 print:text-black">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Incident report · printed from Pitstop
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">{incident.title}</h1>
          <p className="mt-1 text-sm">
            {incident.severity} · {incident.status} · {incident.environment} · {incident.tenant} ·
            occurred {utc(incident.occurredAt)}
          </p>
        </div>
        <div className="no-print flex gap-2">
          <Link
            href={`/incidents/${id}`}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700"
          >
            Back to incident
          </Link>
          <PrintButton />
        </div>
      </header>

      <section aria-labelledby="report-context" className={block}>
        <h2 id="report-context" className="mb-3 font-semibold">
          What failed
        </h2>
        <DefinitionList
          items={[
            ["Correlation id", <code key="c">{incident.correlationId}</code>],
            ["HTTP status", incident.httpStatus],
            ["VIN", incident.vin],
            ["Account ref", incident.accountRef],
            [
              "SDK",
              incident.sdkName
                ? `${incident.sdkName} ${incident.sdkVersion ?? ""}`.trim()
                : incident.sdkVersion,
            ],
            ["API version", incident.apiVersion],
            ["App version", incident.appVersion],
            ["OAuth scopes", incident.scopes.length ? incident.scopes.join(" ") : null],
            ["Filed by", incident.reporterLabel],
            ["Resolved at", incident.resolvedAt ? utc(incident.resolvedAt) : null],
          ]}
        />
        <h3 className="mt-3 mb-1 text-sm font-semibold">Error string</h3>
        <pre className="whitespace-pre-wrap break-words rounded bg-slate-100 p-3 font-mono text-sm dark:bg-slate-800 print:bg-white print:p-0">
          {incident.errorString}
        </pre>
        <p className="mt-2 text-sm">
          Signature: <code>{incident.signature}</code>
        </p>
      </section>

      <section aria-labelledby="report-diagnosis" className={block}>
        <h2 id="report-diagnosis" className="mb-2 font-semibold">
          Diagnosis
        </h2>
        <p className="mb-2 text-sm">
          {latest
            ? `Checks run ${utc(latest.startedAt)}: ${Object.entries(outcomes)
                .map(([outcome, count]) => `${count} ${outcome}`)
                .join(", ")}.`
            : "No checks have been run: ranked from the error text."}
          {answers.length
            ? ` ${answers.length} interview answer${answers.length === 1 ? "" : "s"} count.`
            : ""}{" "}
          Certainty {Math.round(diagnosis.certainty * 100)}%.
        </p>
        <table className="min-w-full text-sm">
          <caption className="sr-only">Ranked causes</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="py-1 pr-3 font-medium">
                #
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Cause
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Confidence
              </th>
              <th scope="col" className="py-1 font-medium">
                Evidence
              </th>
            </tr>
          </thead>
          <tbody className="align-top">
            {diagnosis.ranked.slice(0, 5).map((cause, index) => (
              <tr key={cause.cause} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1 pr-3">{index + 1}</td>
                <td className="py-1 pr-3">{cause.label}</td>
                <td className="py-1 pr-3">{Math.round(cause.confidence * 100)}%</td>
                <td className="py-1">
                  {cause.evidence
                    .filter((item) => item.weight > 0)
                    .slice(0, 3)
                    .map((item) => `${item.source}: ${item.why}`)
                    .join("; ") || "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {readsRunbooks ? (
        <section aria-labelledby="report-runbooks" className={block}>
          <h2 id="report-runbooks" className="mb-2 font-semibold">
            Runbook entries
          </h2>
          {linked.length === 0 && suggestions.length === 0 ? (
            <p className="text-sm">No runbook entry is linked to or matches this incident.</p>
          ) : null}
          <ul className="space-y-1 text-sm">
            {linked.map((entry) => (
              <li key={entry.id}>
                <Link href={`/runbooks/${entry.id}`} className="font-medium underline">
                  {entry.title}
                </Link>{" "}
                <RunbookStatusBadge status={entry.status} /> · drafted from this incident ·{" "}
                {CAUSE_LABELS[entry.causeId]} · version{" "}
                {entry.approvedVersion ?? entry.currentVersion}
              </li>
            ))}
            {suggestions
              .filter((suggestion) => !linked.some((entry) => entry.id === suggestion.entryId))
              .map((suggestion) => (
                <li key={suggestion.entryId}>
                  <Link href={`/runbooks/${suggestion.entryId}`} className="font-medium underline">
                    {suggestion.title}
                  </Link>{" "}
                  · {suggestion.matchLabel} · {CAUSE_LABELS[suggestion.causeId]}
                  <p className="whitespace-pre-wrap text-slate-700 dark:text-slate-300 print:text-black">
                    Fix: {suggestion.fixApplied}
                  </p>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
