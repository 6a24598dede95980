import "server-only";
// Change events: recorded by SREs or imported from the vendor's audit log, listed with filters,
// and read back as the window of changes before an incident.
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { db, type Prisma } from "@/lib/db/client";
import type { ChangeEvent } from "@/lib/db/generated/client";
import { CHANGE_PAGE_SIZE, type ChangeInput, type ChangeListQuery } from "./schema";

export type ChangeRecord = Omit<ChangeEvent, "createdById"> & { createdBy: string | null };

const withCreator = { createdBy: { select: { name: true } } } as const;
type ChangeRow = ChangeEvent & { createdBy: { name: string } | null };

const toRecord = ({
  createdBy,
  createdById: _createdById,
  ...change
}: ChangeRow): ChangeRecord => ({ ...change, createdBy: createdBy?.name ?? null });

/** JSON as the API answers it: dates as ISO 8601. */
export const changeJson = (change: ChangeRecord) => ({
  ...change,
  occurredAt: change.occurredAt.toISOString(),
  createdAt: change.createdAt.toISOString(),
});

export async function createChange(input: ChangeInput, actor: Actor): Promise<ChangeRecord> {
  const created = await db.$transaction(async (tx) => {
    const change = await tx.changeEvent.create({
      data: { ...input, source: "manual", createdById: actor.kind === "user" ? actor.id : null },
      include: withCreator,
    });
    await recordAudit(tx, actor, {
      action: "change.create",
      entityType: "change",
      entityId: change.id,
      after: input,
    });
    return change;
  });
  return toRecord(created);
}

function listWhere(query: ChangeListQuery): Prisma.ChangeEventWhereInput {
  const occurredAt: Prisma.DateTimeFilter = {};
  if (query.from) occurredAt.gte = new Date(`${query.from}T00:00:00Z`);
  // "to" names a whole day: everything before the next midnight.
  if (query.to) occurredAt.lt = new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000);
  return {
    environment: query.environment,
    kind: query.kind,
    source: query.source,
    tenant: query.tenant,
    ...(query.from || query.to ? { occurredAt } : {}),
  };
}

export async function listChanges(
  query: ChangeListQuery,
): Promise<{ rows: ChangeRecord[]; total: number; pageSize: number }> {
  const where = listWhere(query);
  const [rows, total] = await Promise.all([
    db.changeEvent.findMany({
      where,
      include: withCreator,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * CHANGE_PAGE_SIZE,
      take: CHANGE_PAGE_SIZE,
    }),
    db.changeEvent.count({ where }),
  ]);
  return { rows: rows.map(toRecord), total, pageSize: CHANGE_PAGE_SIZE };
}

/** Tenants that appear on changes, for the list's filter. */
export async function listChangeTenants(): Promise<string[]> {
  const rows = await db.changeEvent.findMany({
    where: { tenant: { not: null } },
    distinct: ["tenant"],
    select: { tenant: true },
    orderBy: { tenant: "asc" },
  });
  return rows.map((row) => row.tenant!);
}

export type ChangesBeforeQuery = {
  environment: string;
  tenant: string;
  at: Date;
  windowMs: number;
  limit: number;
};

/**
 * Changes that could explain an incident: same environment, for its tenant or for every tenant,
 * from `windowMs` before `at` up to `at` itself (both edges included), newest first.
 */
export async function changesBefore({
  environment,
  tenant,
  at,
  windowMs,
  limit,
}: ChangesBeforeQuery): Promise<ChangeRecord[]> {
  const rows = await db.changeEvent.findMany({
    where: {
      environment,
      occurredAt: { gte: new Date(at.getTime() - windowMs), lte: at },
      OR: [{ tenant: null }, { tenant }],
    },
    include: withCreator,
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(toRecord);
}
