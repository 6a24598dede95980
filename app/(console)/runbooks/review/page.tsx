import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { SimpleTable } from "@/components/simple-table";
import { requirePermission } from "@/lib/auth/session";
import { CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import { reviewQueue } from "@/lib/runbooks/review-queue";
import { utcMinutes } from "@/lib/format/time";

export const metadata: Metadata = { title: "Waiting for my review" };

export default async function ReviewQueuePage() {
  const user = await requirePermission("runbook.review");
  const entries = await reviewQueue(user.id);
  return (
    <>
      <PageHeader title="Waiting for my review">
        Runbook entries in review that someone else wrote, the longest waiting first.
      </PageHeader>
      {entries.length === 0 ? (
        <EmptyState title="Nothing waits for your review">
          Entries SREs submit for review appear here.
        </EmptyState>
      ) : (
        <SimpleTable
          caption="Waiting for my review"
          columns={["Title", "Cause", "Version", "Author", "Your last review", "Waiting since"]}
          rows={entries.map((entry) => [
            <Link
              key="t"
              href={`/runbooks/${entry.id}?version=${entry.currentVersion}`}
              className="text-blue-700 hover:underline dark:text-blue-400"
            >
              {entry.title}
            </Link>,
            CAUSE_LABELS[entry.causeId] ?? entry.causeId,
            `v${entry.currentVersion}`,
            entry.authorName ?? "—",
            entry.lastReviewedVersion === null
              ? "first review"
              : `v${entry.lastReviewedVersion}: the entry shows what changed since`,
            utcMinutes(entry.updatedAt),
          ])}
        />
      )}
    </>
  );
}
