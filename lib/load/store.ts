import "server-only";
import { db } from "@/lib/db/client";

export async function listSoakRuns() {
  return db.soakRun.findMany({
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, name: true, environment: true, targetUrl: true, status: true, durationS: true, createdAt: true },
  });
}
