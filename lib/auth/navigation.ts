import "server-only";
// What the console's navigation offers this user beyond the pages every role reads: the count
// of runbook entries waiting for their review, and the admin area.
import { reviewQueueCount } from "@/lib/runbooks/review-queue";
import { can, type Actor } from "./policy";

/** What the navigation adds for this user: their review queue's count, the admin area. */
export type NavExtras = { reviewCount: number | null; admin: boolean };

export async function navExtras(user: Actor): Promise<NavExtras> {
  return { reviewCount: await reviewQueueCount(user), admin: can(user, "users.manage") };
}
