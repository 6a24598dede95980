import "server-only";
// Finding runbook entries: the list's filters, and full-text search over approved versions
// (lib/db/dialect.ts: FTS5 on SQLite, tsvector on PostgreSQL).
import { db, Prisma } from "@/lib/db/client";
import { runbookTextSearch, searchWords } from "@/lib/db/dialect";
import type { CauseId } from "@/lib/diagnosis/taxonomy";
import type { RunbookListQuery, RunbookStatus } from "./schema";
import type { RunbookSummary } from "./store";

const LIST_LIMIT = 100;

type RawSummary = Omit<
  RunbookSummary,
  "updatedAt" | "currentVersion" | "approvedVersion" | "status" | "causeId"
> & {
  status: string;
  causeId: string;
  currentVersion: bigint | number;
  approvedVersion: bigint | number | null;
  updatedAt: string | number;
};

const toSummary = (row: RawSummary): RunbookSummary => ({
  ...row,
  status: row.status as RunbookStatus,
  causeId: row.causeId as CauseId,
  currentVersion: Number(row.currentVersion),
  approvedVersion: row.approvedVersion === null ? null : Number(row.approvedVersion),
  updatedAt: new Date(row.updatedAt),
});

/**
 * The runbook list. `q` searches the approved text (best match first), `signature` matches an
 * approved version's signature exactly, `status` filters by the entry's status; with neither
 * search the newest entries come first.
 */
export async function listRunbookEntries(query: RunbookListQuery): Promise<RunbookSummary[]> {
  const conditions: Prisma.Sql[] = [];
  if (query.status) conditions.push(Prisma.sql`e.status = ${query.status}`);
  if (query.signature) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "RunbookVersion" v
      WHERE v."entryId" = e.id AND v.version = e."approvedVersion" AND v.signature = ${query.signature})`);
  }
  const match = query.q ? runbookTextSearch("e", searchWords(query.q), { mode: "all" }) : null;
  if (query.q && !match) return [];
  const search = match ? match.join : Prisma.empty;
  const where = conditions.length
    ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`
    : Prisma.empty;
  const order = match
    ? Prisma.sql`${match.rank}, e."updatedAt" DESC`
    : Prisma.sql`e."updatedAt" DESC`;
  const rows = await db.$queryRaw<RawSummary[]>`
    SELECT e.id, e.title, e.status, e."causeId", e.signature, e."currentVersion", e."approvedVersion",
           u.name AS "authorName", e."updatedAt"
    FROM "RunbookEntry" e ${search} LEFT JOIN "User" u ON u.id = e."authorId"
    ${where}
    ORDER BY ${order}, e.id
    LIMIT ${LIST_LIMIT}`;
  return rows.map(toSummary);
}
