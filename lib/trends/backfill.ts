import "server-only";
// Incidents filed before Incident.likelyCause existed get the classifier's cause once, so the
// trends count them too, and, lacking one, as their cause at filing for diagnosis accuracy
// (nothing older was stored). Walked by id in batches: one short transaction each, never a full scan.
import { db, Prisma } from "@/lib/db/client";
import { topCauseOf } from "@/lib/diagnosis/classifier";

const BATCH_SIZE = 2_000;

/** Sets likelyCause where it is null; returns how many incidents it filled in. */
export async function backfillLikelyCauses(batchSize = BATCH_SIZE): Promise<number> {
  let filled = 0;
  let afterId = "";
  for (;;) {
    const rows = await db.incident.findMany({
      where: { likelyCause: null, id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        errorString: true,
        httpStatus: true,
        sdkVersion: true,
        apiVersion: true,
        appVersion: true,
      },
    });
    if (rows.length === 0) return filled;
    const idsByCause = new Map<string, string[]>();
    for (const row of rows) {
      const cause = topCauseOf(row);
      idsByCause.set(cause, [...(idsByCause.get(cause) ?? []), row.id]);
    }
    await db.$transaction(async (tx) => {
      for (const [cause, ids] of idsByCause) {
        await tx.$executeRaw`UPDATE "Incident" SET "likelyCause" = ${cause}, "initialCause" = coalesce("initialCause", ${cause}) WHERE id IN (${Prisma.join(ids)})`;
      }
    });
    filled += rows.length;
    afterId = rows[rows.length - 1]!.id;
  }
}
