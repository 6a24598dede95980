import "server-only";
// Live pages: the versions a browser polls for (one per incident, one per list query) and who
// has an incident open. All of it is read from the database, so any app instance can answer.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import type { IncidentListQuery } from "./list-query";
import { incidentListVersion } from "./store";

/** A viewer's heartbeat older than this no longer counts as viewing. */
export const PRESENCE_WINDOW_MS = 30_000;
/** Rows this old are deleted by the next heartbeat: a closed tab leaves its row behind. */
const PRESENCE_PURGE_AFTER_MS = 86_400_000;

export type Viewer = { id: string; name: string };

const digest = (parts: unknown[]) =>
  createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 22);

/**
 * An opaque version of everything the incident page shows that others change: the row itself,
 * its timeline events (notes, acknowledgements), its check runs and its interview answers.
 * Null when there is no such incident.
 */
export async function incidentVersion(incidentId: string): Promise<string | null> {
  const [row] = await db.$queryRaw<Array<Record<string, Date | string | number | bigint | null>>>`
    SELECT i."updatedAt",
      (SELECT MAX(e.id) FROM "IncidentEvent" e WHERE e."incidentId" = i.id) AS "lastEvent",
      (SELECT COUNT(*) FROM "CheckRun" r WHERE r."incidentId" = i.id) AS runs,
      (SELECT COUNT(*) FROM "CheckRun" r WHERE r."incidentId" = i.id AND r."finishedAt" IS NOT NULL) AS "finishedRuns",
      (SELECT MAX(r."finishedAt") FROM "CheckRun" r WHERE r."incidentId" = i.id) AS "lastFinished",
      (SELECT COUNT(*) FROM "IncidentAnswer" a WHERE a."incidentId" = i.id) AS answers,
      (SELECT MAX(a."answeredAt") FROM "IncidentAnswer" a WHERE a."incidentId" = i.id) AS "lastAnswer"
    FROM "Incident" i WHERE i.id = ${incidentId}`;
  // A DateTime column may come back as a Date, whose String() drops the milliseconds.
  return row
    ? digest(
        Object.values(row).map((value) =>
          value instanceof Date ? value.toISOString() : String(value),
        ),
      )
    : null;
}

/** The list's version for a query whose owner filter is already resolved (resolveOwner). */
export async function listVersion(query: IncidentListQuery) {
  const { total, lastUpdatedAt } = await incidentListVersion(query);
  return { version: digest([total, lastUpdatedAt]), total };
}

/** Who else has the incident open: heartbeats within the presence window, the asker left out. */
export async function viewersOf(
  incidentId: string,
  exceptUserId: string | null,
): Promise<Viewer[]> {
  const rows = await db.incidentViewer.findMany({
    where: {
      incidentId,
      seenAt: { gte: new Date(Date.now() - PRESENCE_WINDOW_MS) },
      ...(exceptUserId ? { userId: { not: exceptUserId } } : {}),
    },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map((row) => row.user);
}

/**
 * A viewer's heartbeat: upserts their row and, in passing, deletes rows a day old (closed tabs
 * never say goodbye). False when there is no such incident.
 */
export async function recordViewer(incidentId: string, userId: string): Promise<boolean> {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { id: true },
    });
    if (!incident) return false;
    await tx.incidentViewer.upsert({
      where: { incidentId_userId: { incidentId, userId } },
      create: { incidentId, userId, seenAt: now },
      update: { seenAt: now },
    });
    await tx.incidentViewer.deleteMany({
      where: { seenAt: { lt: new Date(now.getTime() - PRESENCE_PURGE_AFTER_MS) } },
    });
    return true;
  });
}

/** A viewer closed the page: they stop counting at once rather than when the window ends. */
export async function forgetViewer(incidentId: string, userId: string): Promise<void> {
  await db.incidentViewer.deleteMany({ where: { incidentId, userId } });
}
