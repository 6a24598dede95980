import "server-only";
import { db } from "@/lib/db/client";

export async function listRunbookEntries() {
  return db.runbookEntry.findMany({
    orderBy: { updatedAt: "desc" },
    take: 100,
    select: { id: true, title: true, status: true, causeId: true, signature: true, updatedAt: true, author: { select: { name: true } } },
  });
}
