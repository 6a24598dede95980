import "server-only";
// "Waiting for my review": entries in review that this reviewer did not write (neither the
// entry nor the version in review), and what changed since the version they last reviewed.
import { can, type Actor } from "@/lib/auth/policy";
import { db, type Prisma } from "@/lib/db/client";
import { runbookSummary, type RunbookSummary } from "./store";

export type QueuedEntry = RunbookSummary & {
  /** The newest version this reviewer reviewed before the one in review; null: first review. */
  lastReviewedVersion: number | null;
};

// The entry's author is filtered here; the author of the version in review below (a column
// comparison Prisma's filters cannot make). authorId is nullable: an entry whose author was
// deleted still waits for review.
const waitingFor = (reviewerId: string): Prisma.RunbookEntryWhereInput => ({
  status: "in_review",
  OR: [{ authorId: null }, { authorId: { not: reviewerId } }],
});

/** How many entries wait for this reviewer; null for a role that does not review. */
export async function reviewQueueCount(actor: Actor): Promise<number | null> {
  if (!can(actor, "runbook.review")) return null;
  return (await reviewQueue(actor.id)).length;
}

/** The entries waiting for this reviewer, oldest wait first. */
export async function reviewQueue(reviewerId: string): Promise<QueuedEntry[]> {
  const entries = await db.runbookEntry.findMany({
    where: waitingFor(reviewerId),
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    include: {
      author: { select: { name: true } },
      versions: { select: { version: true, authorId: true } },
      reviews: { where: { reviewerId }, select: { version: true } },
    },
  });
  return entries
    .filter((entry) => {
      const inReview = entry.versions.find((version) => version.version === entry.currentVersion);
      return inReview?.authorId !== reviewerId;
    })
    .map((entry) => ({
      ...runbookSummary(entry),
      lastReviewedVersion: lastReviewed(entry.reviews, entry.currentVersion),
    }));
}

function lastReviewed(reviews: Array<{ version: number }>, current: number): number | null {
  const earlier = reviews.map((review) => review.version).filter((version) => version < current);
  return earlier.length ? Math.max(...earlier) : null;
}

/** The newest version of this entry the reviewer reviewed before `current`; null if none. */
export async function lastReviewedVersion(
  entryId: string,
  reviewerId: string,
  current: number,
): Promise<number | null> {
  const reviews = await db.runbookReview.findMany({
    where: { entryId, reviewerId, version: { lt: current } },
    select: { version: true },
  });
  return lastReviewed(reviews, current);
}
