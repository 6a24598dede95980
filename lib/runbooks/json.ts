// A runbook entry as /api/v1 answers it: camelCase, ISO dates, every version and review.
import {
  draftOf,
  type RunbookEntryRecord,
  type RunbookSummary,
  type RunbookVersionRecord,
} from "./store";

const versionJson = (version: RunbookVersionRecord) => ({
  version: version.version,
  ...draftOf(version),
  signature: version.signature,
  author: version.authorName,
  createdAt: version.createdAt.toISOString(),
});

export function runbookEntryJson(entry: RunbookEntryRecord) {
  return {
    id: entry.id,
    title: entry.title,
    causeId: entry.causeId,
    signature: entry.signature,
    status: entry.status,
    currentVersion: entry.currentVersion,
    approvedVersion: entry.approvedVersion,
    incidentId: entry.incidentId,
    author: entry.authorName,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    versions: entry.versions.map(versionJson),
    reviews: entry.reviews.map((review) => ({
      version: review.version,
      decision: review.decision,
      comment: review.comment,
      reviewer: review.reviewerName,
      createdAt: review.createdAt.toISOString(),
    })),
  };
}

export const runbookSummaryJson = (entry: RunbookSummary) => ({
  id: entry.id,
  title: entry.title,
  causeId: entry.causeId,
  signature: entry.signature,
  status: entry.status,
  currentVersion: entry.currentVersion,
  approvedVersion: entry.approvedVersion,
  author: entry.authorName,
  updatedAt: entry.updatedAt.toISOString(),
});
