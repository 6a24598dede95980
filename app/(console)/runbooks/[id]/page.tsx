import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTrail } from "@/components/audit-trail";
import { DefinitionList } from "@/components/definition-list";
import { MaskedSecretsNote } from "@/components/masked-secrets-note";
import { PageHeader } from "@/components/page-header";
import { RunbookReviewForm } from "@/components/runbook-review-form";
import { RunbookStatusBadge } from "@/components/runbook-status-badge";
import { RunbookSinceLastReview } from "@/components/runbook-since-last-review";
import { RunbookVersionDiff } from "@/components/runbook-version-diff";
import { requirePermission } from "@/lib/auth/session";
import { CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import {
  REVIEW_DECISION_LABELS,
  versionParamSchema,
  type ReviewDecision,
} from "@/lib/runbooks/schema";
import { getRunbookEntry, runbookHistory, shownVersion } from "@/lib/runbooks/store";
import { lastReviewedVersion } from "@/lib/runbooks/review-queue";
import { versionDiffFields } from "@/lib/runbooks/version-diff";
import { availableEvents } from "@/lib/runbooks/workflow";
import { reviewRunbookAction, submitRunbookAction } from "../actions";

export const metadata: Metadata = { title: "Runbook entry" };

const utc = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");
const section =
  "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function RunbookEntryPage({
  params,
  searchParams,
}: PageProps<"/runbooks/[id]">) {
  const user = await requirePermission("runbook.read");
  const { id } = await params;
  const { version: versionParam, error } = await searchParams;
  const [entry, history] = await Promise.all([getRunbookEntry(id), runbookHistory(id)]);
  if (!entry) notFound();
  const asked = versionParam === undefined ? null : versionParamSchema.safeParse(versionParam);
  const shown =
    shownVersion(entry, asked?.success ? asked.data : undefined) ?? shownVersion(entry)!;
  const previous = entry.versions.find((version) => version.version === shown.version - 1);
  const events = availableEvents(user, entry.status);
  const reviewing = events.includes("approve");
  const lastReviewed = reviewing
    ? await lastReviewedVersion(id, user.id, entry.currentVersion)
    : null;
  const reviewedVersion = entry.versions.find((version) => version.version === lastReviewed);
  const inReview = shownVersion(entry, entry.currentVersion)!;
  const sinceLastReview = reviewedVersion ? versionDiffFields(reviewedVersion, inReview) : [];
  const inProgress =
    entry.approvedVersion !== null && entry.currentVersion !== entry.approvedVersion;

  return (
    <article className="space-y-6">
      <PageHeader
        title={shown.title}
        actions={
          <>
            {events.includes("edit") ? (
              <Link
                href={`/runbooks/${id}/edit`}
                className="rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700"
              >
                Edit
              </Link>
            ) : null}
            {events.includes("submit") ? (
              <form action={submitRunbookAction.bind(null, id, entry.currentVersion)}>
                <button
                  type="submit"
                  className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800"
                >
                  Submit for review
                </button>
              </form>
            ) : null}
            <a
              href={`/api/v1/runbooks/${id}/markdown?version=${shown.version}`}
              className="rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700"
            >
              Download Markdown
            </a>
          </>
        }
      >
        <RunbookStatusBadge status={entry.status} /> · version {shown.version} of{" "}
        {entry.currentVersion}
        {shown.version === entry.approvedVersion ? " (approved)" : ""} ·{" "}
        {CAUSE_LABELS[shown.causeId]}
        {entry.incidentId ? (
          <>
            {" "}
            · from{" "}
            <Link href={`/incidents/${entry.incidentId}`} className="underline">
              its incident
            </Link>
          </>
        ) : null}
      </PageHeader>

      {typeof error === "string" ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      {asked && !asked.success ? (
        <p
          role="alert"
          className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {asked.error.issues[0]?.message}; showing version {shown.version}.
        </p>
      ) : null}
      {inProgress ? (
        <p className="rounded-md bg-sky-50 p-3 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-200">
          Version {entry.currentVersion} is {entry.status.replace("_", " ")}; version{" "}
          {entry.approvedVersion} stays the approved one until it is approved.{" "}
          {shown.version !== entry.currentVersion ? (
            <Link href={`/runbooks/${id}?version=${entry.currentVersion}`} className="underline">
              Show version {entry.currentVersion}
            </Link>
          ) : (
            <Link href={`/runbooks/${id}?version=${entry.approvedVersion}`} className="underline">
              Show the approved version
            </Link>
          )}
        </p>
      ) : null}

      {reviewing ? (
        <section aria-labelledby="review-heading" className={`${section} space-y-4`}>
          <h2 id="review-heading" className="font-semibold">
            Review version {entry.currentVersion}
          </h2>
          <RunbookSinceLastReview
            from={lastReviewed}
            to={entry.currentVersion}
            fields={sinceLastReview}
          />
          <RunbookReviewForm
            action={reviewRunbookAction.bind(null, id, entry.currentVersion)}
            version={entry.currentVersion}
          />
        </section>
      ) : null}

      <section aria-labelledby="fields-heading" className={section}>
        <h2 id="fields-heading" className="mb-3 font-semibold">
          What to reproduce
        </h2>
        <DefinitionList
          items={[
            ["Cause", `${CAUSE_LABELS[shown.causeId]} (${shown.causeId})`],
            [
              "Signature",
              <Link
                key="s"
                href={`/runbooks?signature=${encodeURIComponent(shown.signature)}`}
                className="font-mono text-blue-700 hover:underline dark:text-blue-400"
              >
                {shown.signature}
              </Link>,
            ],
            ["SDK version", shown.sdkVersion],
            ["API version header", shown.apiVersion],
            ["OAuth scopes", shown.scopes.length ? shown.scopes.join(" ") : null],
            [
              "Failing correlation id",
              shown.correlationId ? <code key="c">{shown.correlationId}</code> : null,
            ],
            [
              "Green dependency pin",
              shown.greenDependencyPin ? <code key="g">{shown.greenDependencyPin}</code> : null,
            ],
            ["Vendor incident id", shown.vendorIncidentId],
            ["Support case number", shown.supportCaseNumber],
            ["Written by", `${shown.authorName ?? "—"}, ${utc(shown.createdAt)} UTC`],
          ]}
        />
        <h3 className="mt-4 mb-1 text-sm font-semibold">Error string</h3>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-slate-100 p-3 font-mono text-sm dark:bg-slate-800">
          {shown.errorString}
        </pre>
        <h3 className="mt-4 mb-1 text-sm font-semibold">Fix applied</h3>
        <p className="whitespace-pre-wrap text-sm">{shown.fixApplied}</p>
        <MaskedSecretsNote count={shown.maskedSecrets} />
      </section>

      <section aria-labelledby="versions-heading" className={section}>
        <h2 id="versions-heading" className="mb-3 font-semibold">
          Versions
        </h2>
        <ol className="mb-4 space-y-1 text-sm">
          {[...entry.versions].reverse().map((version) => (
            <li key={version.version}>
              {version.version === shown.version ? (
                <span className="font-medium">Version {version.version}</span>
              ) : (
                <Link
                  href={`/runbooks/${id}?version=${version.version}`}
                  className="text-blue-700 hover:underline dark:text-blue-400"
                >
                  Version {version.version}
                </Link>
              )}{" "}
              by {version.authorName ?? "—"}, {utc(version.createdAt)} UTC
              {version.version === entry.approvedVersion ? " · approved" : ""}
            </li>
          ))}
        </ol>
        {previous ? (
          <RunbookVersionDiff
            from={previous.version}
            to={shown.version}
            fields={versionDiffFields(previous, shown)}
          />
        ) : null}
      </section>

      <section aria-labelledby="reviews-heading" className={section}>
        <h2 id="reviews-heading" className="mb-3 font-semibold">
          Reviews
        </h2>
        {entry.reviews.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No reviews yet.</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {entry.reviews.map((review) => (
              <li key={review.id}>
                <span className="font-medium">
                  {REVIEW_DECISION_LABELS[review.decision as ReviewDecision] ?? review.decision}
                </span>{" "}
                version {review.version} · {review.reviewerName ?? "—"}, {utc(review.createdAt)} UTC
                {review.comment ? (
                  <p className="mt-0.5 whitespace-pre-wrap text-slate-700 dark:text-slate-300">
                    {review.comment}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="history-heading" className={section}>
        <h2 id="history-heading" className="mb-3 font-semibold">
          History
        </h2>
        <AuditTrail items={history} />
      </section>
    </article>
  );
}
