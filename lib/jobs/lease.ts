import "server-only";
// Leases on background work that must run on one app instance at a time. Taking and renewing
// are one conditional update (this holder's lease, or one whose time has passed), so two
// instances cannot both hold it; a holder that dies stops renewing and its lease runs out.
import { db, isUniqueViolation } from "@/lib/db/client";

export type LeaseName = "probes";

/** Takes or renews the lease for ttlMs from now; false while another instance holds it. */
export async function holdLease(
  name: LeaseName,
  holder: string,
  ttlMs: number,
  now = new Date(),
): Promise<boolean> {
  const heldUntil = new Date(now.getTime() + ttlMs);
  const { count } = await db.lease.updateMany({
    where: { name, OR: [{ holder }, { heldUntil: { lte: now } }] },
    data: { holder, heldUntil },
  });
  if (count === 1) return true;
  try {
    await db.lease.create({ data: { name, holder, heldUntil } });
    return true;
  } catch (error) {
    // The row exists and another instance holds it, or another instance created it just now.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Gives the lease up, so another instance takes over at its next beat rather than at expiry. */
export async function releaseLease(name: LeaseName, holder: string): Promise<void> {
  await db.lease.updateMany({ where: { name, holder }, data: { heldUntil: new Date(0) } });
}

/** Who holds the lease now, if anyone. */
export async function leaseHolder(name: LeaseName, now = new Date()): Promise<string | null> {
  const lease = await db.lease.findUnique({ where: { name } });
  return lease && lease.heldUntil > now ? lease.holder : null;
}
