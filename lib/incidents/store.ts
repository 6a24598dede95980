import "server-only";
import { cache } from "react";
import { v7 as timeOrderedUuid } from "uuid";
// Incident data access: every read and write of the Incident table goes through here.
import { recordAudit, recordAuditMany, type AuditActor } from "@/lib/audit/log";
import { db, isUniqueViolation, Prisma } from "@/lib/db/client";
import {
  incidentTextMatch,
  insertJsonRows,
  sqlBoolean,
  sqlTime,
  withoutIndex,
} from "@/lib/db/dialect";
import type { Incident } from "@/lib/db/generated/client";
import { topCauseOf } from "@/lib/diagnosis/classifier";
import { maskSecretsInText } from "@/lib/security/secrets";
import type { IncidentListQuery } from "./list-query";
import { enqueueWebhookEvent } from "@/lib/webhooks/outbox";
import { recordIncidentEvent } from "./events";
import type { IncidentInput, WorkingStatus } from "./schema";
import { incidentSignature } from "./signature";
import { incidentEventData, incidentEventText } from "./webhook-payload";

export type IncidentRecord = Omit<Incident, "scopes"> & { scopes: string[] };

export type IncidentWriteResult =
  | { ok: true; incident: IncidentRecord }
  | { ok: false; reason: "duplicate_correlation_id"; existingId: string }
  | { ok: false; reason: "not_found" }
  /** An edit may not resolve or reopen: those ask for a confirmed cause or a reason (team.ts). */
  | { ok: false; reason: "resolution_elsewhere" }
  | { ok: false; reason: "unknown_vendor_connection"; vendorConnectionId: string };

/** The message every entry point gives for an incident naming a connection that does not exist. */
export const unknownVendorConnectionMessage = (id: string) =>
  `vendorConnectionId names no vendor connection (${id}); GET /api/v1/vendor-connections lists them`;

/** The vendor connection ids among `ids` that do not exist. */
export async function unknownVendorConnectionIds(
  ids: ReadonlyArray<string | null | undefined>,
  client: Prisma.TransactionClient = db,
): Promise<Set<string>> {
  const named = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (named.length === 0) return new Set();
  const found = await client.vendorConnection.findMany({
    where: { id: { in: named } },
    select: { id: true },
  });
  const existing = new Set(found.map(({ id }) => id));
  return new Set(named.filter((id) => !existing.has(id)));
}

const unknownConnection = (vendorConnectionId: string) =>
  ({ ok: false, reason: "unknown_vendor_connection", vendorConnectionId }) as const;

const toRecord = (incident: Incident): IncidentRecord => ({
  ...incident,
  scopes: JSON.parse(incident.scopes) as string[],
});

/** The contract's incident JSON (DESIGN.md, "Incident JSON"), plus bookkeeping fields. */
export function incidentJson(incident: IncidentRecord) {
  return {
    id: incident.id,
    correlationId: incident.correlationId,
    title: incident.title,
    environment: incident.environment,
    tenant: incident.tenant,
    vin: incident.vin,
    accountRef: incident.accountRef,
    sdkName: incident.sdkName,
    sdkVersion: incident.sdkVersion,
    apiVersion: incident.apiVersion,
    appVersion: incident.appVersion,
    scopes: incident.scopes,
    errorString: incident.errorString,
    maskedSecrets: incident.maskedSecrets,
    httpStatus: incident.httpStatus,
    occurredAt: incident.occurredAt.toISOString(),
    severity: incident.severity,
    status: incident.status,
    signature: incident.signature,
    reporter: incident.reporterLabel,
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    ownerId: incident.ownerId,
    acknowledgedBy: incident.acknowledgedBy,
    acknowledgedAt: incident.acknowledgedAt?.toISOString() ?? null,
    confirmedCause: incident.confirmedCause,
    confirmedCauseNote: incident.confirmedCauseNote,
    resolutionNote: incident.resolutionNote,
    vendorConnectionId: incident.vendorConnectionId,
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
  };
}
export type IncidentJson = ReturnType<typeof incidentJson>;

// Secrets pasted into the text are masked before anything else reads it: the signature, the
// classifier, the audit snapshot and the row all see the masked text only.
function incidentData(input: IncidentInput) {
  const title = maskSecretsInText(input.title);
  const errorString = maskSecretsInText(input.errorString);
  return {
    ...input,
    title: title.text,
    errorString: errorString.text,
    maskedSecrets: title.masked + errorString.masked,
    scopes: JSON.stringify(input.scopes),
    signature: incidentSignature(errorString.text),
    // The text classifier's top cause: what trends count the incident under until a completed
    // check run ranks one (diagnoseIncident then stores the run's top cause instead).
    likelyCause: topCauseOf({
      errorString: errorString.text,
      httpStatus: input.httpStatus ?? null,
      sdkVersion: input.sdkVersion ?? null,
      apiVersion: input.apiVersion ?? null,
      appVersion: input.appVersion ?? null,
    }),
    resolvedAt: input.status === "resolved" ? new Date() : null,
  };
}

/** What the classifier said at filing stays as `initialCause`, for diagnosis accuracy. */
function newIncidentData(input: IncidentInput) {
  const data = incidentData(input);
  return { ...data, initialCause: data.likelyCause };
}

async function existingIdFor(
  correlationId: string,
  client: Prisma.TransactionClient = db,
): Promise<string> {
  const existing = await client.incident.findUnique({
    where: { correlationId },
    select: { id: true },
  });
  return existing?.id ?? "";
}

export async function createIncident(
  input: IncidentInput,
  actor: AuditActor,
  tx?: Prisma.TransactionClient,
): Promise<IncidentWriteResult> {
  if ((await unknownVendorConnectionIds([input.vendorConnectionId], tx)).size > 0)
    return unknownConnection(input.vendorConnectionId!);
  const write = async (client: Prisma.TransactionClient) => {
    const incident = await client.incident.create({
      data: {
        ...newIncidentData(input),
        reporterId: actor.kind === "user" ? actor.id : null,
        reporterLabel: actor.label,
      },
    });
    await recordAudit(client, actor, {
      action: "incident.create",
      entityType: "incident",
      entityId: incident.id,
      after: incidentJson(toRecord(incident)),
    });
    await announceCreated(client, actor, [incident]);
    return toRecord(incident);
  };
  try {
    return { ok: true, incident: tx ? await write(tx) : await db.$transaction(write) };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return {
      ok: false,
      reason: "duplicate_correlation_id",
      existingId: await existingIdFor(input.correlationId, tx),
    };
  }
}

const BATCH_COLUMNS = [
  "id",
  "correlationId",
  "title",
  "environment",
  "tenant",
  "vin",
  "accountRef",
  "sdkName",
  "sdkVersion",
  "apiVersion",
  "appVersion",
  "scopes",
  "errorString",
  "maskedSecrets",
  "signature",
  "httpStatus",
  "occurredAt",
  "severity",
  "status",
  "resolvedAt",
  "likelyCause",
  "initialCause",
  "reporterId",
  "reporterLabel",
  "createdAt",
  "updatedAt",
  "vendorConnectionId",
] as const;

/**
 * Files many incidents with one INSERT and their audit entries with another. Raw SQL: Prisma's
 * createMany costs about five times as much per row here. The caller has already removed
 * correlation ids that exist or repeat, inside the same transaction.
 */
export async function createIncidents(
  inputs: IncidentInput[],
  actor: AuditActor,
  tx: Prisma.TransactionClient,
): Promise<IncidentRecord[]> {
  if (inputs.length === 0) return [];
  const now = new Date();
  const records: IncidentRecord[] = inputs.map((input) => {
    const { scopes: _scopesJson, ...data } = newIncidentData(input);
    return {
      ...data,
      acknowledgedById: null,
      acknowledgedBy: null,
      acknowledgedAt: null,
      ownerId: null,
      confirmedCause: null,
      confirmedCauseNote: null,
      resolutionNote: null,
      firstCheckCause: null,
      vendorConnectionId: input.vendorConnectionId ?? null,
      scopes: input.scopes,
      // Time-ordered (UUIDv7), like the cuids single creates get: a batch's ids land side by side
      // in the primary key and audit indexes instead of dirtying a page each.
      id: timeOrderedUuid(),
      reporterId: actor.kind === "user" ? actor.id : null,
      reporterLabel: actor.label,
      createdAt: now,
      updatedAt: now,
    };
  });
  // One JSON parameter for the whole batch (lib/db/dialect.ts): binding 27 parameters a row
  // through Prisma cost more than the insert itself.
  const rows = records.map((r) => [
    r.id,
    r.correlationId,
    r.title,
    r.environment,
    r.tenant,
    r.vin,
    r.accountRef,
    r.sdkName,
    r.sdkVersion,
    r.apiVersion,
    r.appVersion,
    JSON.stringify(r.scopes),
    r.errorString,
    r.maskedSecrets,
    r.signature,
    r.httpStatus,
    r.occurredAt,
    r.severity,
    r.status,
    r.resolvedAt,
    r.likelyCause,
    r.initialCause,
    r.reporterId,
    r.reporterLabel,
    r.createdAt,
    r.updatedAt,
    r.vendorConnectionId,
  ]);
  await tx.$executeRaw(insertJsonRows("Incident", BATCH_COLUMNS, rows));
  await recordAuditMany(
    tx,
    actor,
    records.map((incident) => ({
      action: "incident.create",
      entityType: "incident",
      entityId: incident.id,
      after: incidentJson(incident),
    })),
  );
  await announceCreated(tx, actor, records);
  return records;
}

/** Sev1 and sev2 incidents page people: each is an `incident.created` webhook event. */
async function announceCreated(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  incidents: ReadonlyArray<Omit<Incident, "scopes">>,
) {
  for (const incident of incidents.filter(({ severity }) => ["sev1", "sev2"].includes(severity))) {
    await enqueueWebhookEvent(tx, {
      event: "incident.created",
      data: incidentEventData(incident, { reporter: actor.label }),
      text: incidentEventText(actor.label, "filed", incident),
    });
  }
}

/** An incident to file that cannot be: its correlation id is stored already or came earlier. */
export type DuplicateIncident<T> = {
  item: T;
  /** The stored incident that already has this correlation id. */
  existingId: string | undefined;
  /** The item earlier in this input (this call or one before it) with the same correlation id. */
  earlier: T | undefined;
};

/**
 * Splits items to file into the fresh ones and the duplicates, by correlation id: against the
 * database and against `earlier` (the items already seen in this input, keyed by correlation id),
 * which this call extends so a caller can carry it from one batch to the next.
 */
export async function splitDuplicateIncidents<T extends { input: IncidentInput }>(
  items: readonly T[],
  tx: Prisma.TransactionClient,
  earlier = new Map<string, T>(),
): Promise<{ fresh: T[]; duplicates: DuplicateIncident<T>[] }> {
  const stored = await tx.incident.findMany({
    where: { correlationId: { in: items.map(({ input }) => input.correlationId) } },
    select: { id: true, correlationId: true },
  });
  const existingIds = new Map(stored.map((incident) => [incident.correlationId, incident.id]));
  const fresh: T[] = [];
  const duplicates: DuplicateIncident<T>[] = [];
  for (const item of items) {
    const { correlationId } = item.input;
    const existingId = existingIds.get(correlationId);
    const first = earlier.get(correlationId);
    if (existingId === undefined && first === undefined) fresh.push(item);
    else duplicates.push({ item, existingId, earlier: first });
    if (first === undefined) earlier.set(correlationId, item);
  }
  return { fresh, duplicates };
}

export async function updateIncident(
  id: string,
  input: IncidentInput,
  actor: AuditActor,
): Promise<IncidentWriteResult> {
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.incident.findUnique({ where: { id } });
      if (!before) return { ok: false, reason: "not_found" } as const;
      if ((before.status === "resolved") !== (input.status === "resolved"))
        return { ok: false, reason: "resolution_elsewhere" } as const;
      if ((await unknownVendorConnectionIds([input.vendorConnectionId], tx)).size > 0)
        return unknownConnection(input.vendorConnectionId!);
      const data = incidentData(input);
      // A check run's cause outranks the classifier's guess while the text it diagnosed stands.
      const textChanged = before.errorString !== data.errorString || before.likelyCause === null;
      const incident = await tx.incident.update({
        where: { id },
        data: {
          ...data,
          // Text saved earlier is masked already; what this edit masked adds to it.
          maskedSecrets: { increment: data.maskedSecrets },
          likelyCause: textChanged ? data.likelyCause : before.likelyCause,
          resolvedAt: input.status === "resolved" ? (before.resolvedAt ?? new Date()) : null,
        },
      });
      await recordAudit(tx, actor, {
        action: "incident.update",
        entityType: "incident",
        entityId: id,
        before: incidentJson(toRecord(before)),
        after: incidentJson(toRecord(incident)),
      });
      return { ok: true, incident: toRecord(incident) } as const;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return {
      ok: false,
      reason: "duplicate_correlation_id",
      existingId: await existingIdFor(input.correlationId),
    };
  }
}

export type StatusChangeResult =
  | { ok: true; incident: IncidentRecord }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "resolved"; message: string };

/**
 * The working statuses (open, triaging, mitigated). A resolved incident is left alone: the
 * update is conditional, so a resolve that lands first is never silently undone.
 */
export async function changeIncidentStatus(
  id: string,
  status: WorkingStatus,
  actor: AuditActor,
): Promise<StatusChangeResult> {
  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUnique({ where: { id } });
    if (!before) return { ok: false, reason: "not_found" } as const;
    const { count } = await tx.incident.updateMany({
      where: { id, status: { not: "resolved" } },
      data: { status },
    });
    if (count === 0)
      return {
        ok: false,
        reason: "resolved",
        message: "This incident is resolved; reopen it with a reason first.",
      } as const;
    const incident = await tx.incident.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, actor, {
      action: "incident.status_change",
      entityType: "incident",
      entityId: id,
      before: { status: before.status },
      after: { status: incident.status },
    });
    if (before.status !== status)
      await recordIncidentEvent(tx, actor, {
        incidentId: id,
        kind: "status_changed",
        data: { from: before.status, to: status },
      });
    return { ok: true, incident: toRecord(incident) } as const;
  });
}

export async function getIncident(id: string): Promise<IncidentRecord | null> {
  const incident = await db.incident.findUnique({ where: { id } });
  return incident ? toRecord(incident) : null;
}

export async function incidentHistory(id: string) {
  return db.auditEvent.findMany({
    where: { entityType: "incident", entityId: id },
    orderBy: { at: "desc" },
    take: 50,
  });
}

/**
 * How a text search meets the other conditions. "lookup" fetches every matching row by rowid,
 * which is quickest when few match; "membership" walks another index (the time order, or the
 * smallest index for a count) and tests each row against the matches, which stays at a few ms
 * however many match, where looking up 24,000 matches takes ~25 ms at 100,000 incidents. The
 * unary + keeps SQLite from turning the rowid test back into lookups.
 */
type SearchPlan = "lookup" | "membership";

// Resolved or not, written as the on-call index's own expression so SQLite can seek on it.
const RESOLVED = Prisma.sql`(i.status = 'resolved')`;

/** Whether the status filter settles resolved-or-not, which the on-call order sorts by first. */
const pinsResolved = (query: IncidentListQuery) => query.status !== undefined;

function statusCondition(query: IncidentListQuery, forPage: boolean): Prisma.Sql | null {
  const { status } = query;
  if (!status) return null;
  if (status === "unresolved") return Prisma.sql`${RESOLVED} = ${sqlBoolean(false)}`;
  if (status === "resolved") return Prisma.sql`${RESOLVED} = ${sqlBoolean(true)}`;
  // Listed in on-call order, walking the on-call index's unresolved part beats sorting one
  // status's rows; counted, the status index alone answers.
  return query.sort === "oncall" && forPage
    ? Prisma.sql`${RESOLVED} = ${sqlBoolean(false)} AND ${withoutIndex(Prisma.sql`i.status`)} = ${status}`
    : Prisma.sql`i.status = ${status}`;
}

/**
 * `owner` as the caller resolved it: "none" is unowned, anything else a user id ("me" is
 * replaced by the asking user's id before the query reaches the store; see resolveOwner).
 */
function ownerCondition(owner: string | undefined): Prisma.Sql | null {
  if (!owner) return null;
  return owner === "none" ? Prisma.sql`i."ownerId" IS NULL` : Prisma.sql`i."ownerId" = ${owner}`;
}

/** `forPage`: the conditions of a page in the query's order, rather than of a count. */
function whereClause(
  query: IncidentListQuery,
  search: SearchPlan = "lookup",
  forPage = false,
): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const status = statusCondition(query, forPage);
  if (status) conditions.push(status);
  if (query.severity?.length)
    conditions.push(Prisma.sql`i.severity IN (${Prisma.join(query.severity)})`);
  const owner = ownerCondition(query.owner);
  if (owner) conditions.push(owner);
  if (query.environment) conditions.push(Prisma.sql`i.environment = ${query.environment}`);
  if (query.tenant) conditions.push(Prisma.sql`i.tenant = ${query.tenant}`);
  if (query.signature) conditions.push(Prisma.sql`i.signature = ${query.signature}`);
  if (query.from)
    conditions.push(Prisma.sql`i."occurredAt" >= ${sqlTime(new Date(`${query.from}T00:00:00Z`))}`);
  if (query.to) {
    const endOfDay = new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000);
    conditions.push(Prisma.sql`i."occurredAt" < ${sqlTime(endOfDay)}`);
  }
  const match = query.q
    ? incidentTextMatch("i", query.q, { membership: search === "membership" })
    : null;
  if (match) conditions.push(match);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

const INCIDENT_ORDER: Record<string, Prisma.Sql> = {
  oncall: Prisma.sql`${RESOLVED}, i.severity, i."occurredAt" DESC, i.id`,
  occurredAt: Prisma.sql`i."occurredAt"`,
  severity: Prisma.sql`i.severity`,
  status: Prisma.sql`CASE i.status WHEN 'open' THEN 0 WHEN 'triaging' THEN 1 WHEN 'mitigated' THEN 2 ELSE 3 END`,
  tenant: Prisma.sql`i.tenant`,
  title: Prisma.sql`i.title`,
};
const GROUP_ORDER: Record<string, Prisma.Sql> = {
  count: Prisma.sql`count`,
  lastSeen: Prisma.sql`"lastSeen"`,
  firstSeen: Prisma.sql`"firstSeen"`,
};

// Severity sorts "most severe first" when descending: sev1 < sev4 as text, so flip it.
const direction = (query: IncidentListQuery) =>
  (query.sort === "severity" ? query.dir === "asc" : query.dir === "desc")
    ? Prisma.sql`DESC`
    : Prisma.sql`ASC`;

/**
 * The ORDER BY for a list query. On-call order is fixed (direction ignored) and matches the
 * on-call index term for term; when the status filter already settles resolved-or-not, its
 * first term is dropped so SQLite sees the index's order after the seek.
 */
function incidentOrder(query: IncidentListQuery): Prisma.Sql {
  if (query.sort === "oncall")
    return pinsResolved(query)
      ? Prisma.sql`i.severity, i."occurredAt" DESC, i.id`
      : INCIDENT_ORDER.oncall!;
  return Prisma.sql`${INCIDENT_ORDER[query.sort] ?? INCIDENT_ORDER.occurredAt} ${direction(query)}, i.id`;
}

export type IncidentListRow = {
  id: string;
  correlationId: string;
  title: string;
  environment: string;
  tenant: string;
  signature: string;
  httpStatus: number | null;
  occurredAt: Date;
  severity: string;
  status: string;
  ownerId: string | null;
  ownerName: string | null;
  groupSize: number;
};

export type SignatureGroupRow = {
  signature: string;
  count: number;
  unresolved: number;
  firstSeen: Date;
  lastSeen: Date;
  latestTitle: string;
  worstSeverity: string;
  tenants: number;
};

const offset = (query: IncidentListQuery) => (query.page - 1) * query.pageSize;

// Group sizes for one page of rows, in a second query: as a correlated subquery SQLite would
// count every matching row's group before sorting and cutting the page.
async function groupSizes(signatures: string[]): Promise<Map<string, number>> {
  if (signatures.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ signature: string; size: bigint | number }>>`
    SELECT signature, COUNT(*) AS size FROM "Incident"
    WHERE signature IN (${Prisma.join([...new Set(signatures)])}) GROUP BY signature`;
  return new Map(rows.map((row) => [row.signature, Number(row.size)]));
}

// Owners' names for one page of rows, in a second query, for the same reason as groupSizes.
async function ownerNames(ownerIds: Array<string | null>): Promise<Map<string, string>> {
  const ids = [...new Set(ownerIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const owners = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  });
  return new Map(owners.map((owner) => [owner.id, owner.name]));
}

// A list page shows the total and stamps its live-update version with it: one count per request
// for both (React's cache, keyed by the query object the page hands to each), since at a million
// incidents a count is most of the page's time.
const countIncidents = cache(async (query: IncidentListQuery): Promise<number> => {
  const [count] = await db.$queryRaw<
    Array<{ total: bigint | number }>
  >`SELECT COUNT(*) AS total FROM "Incident" i ${whereClause(query, "membership")}`;
  return Number(count?.total ?? 0);
});

export async function listIncidents(query: IncidentListQuery) {
  // In an index's order (time, on-call) rows come over already sorted; other orders sort matches.
  const indexOrdered = query.sort === "occurredAt" || query.sort === "oncall";
  const where = whereClause(query, indexOrdered ? "membership" : "lookup", true);
  type RawRow = Omit<IncidentListRow, "occurredAt" | "groupSize" | "ownerName"> & {
    occurredAt: string;
  };
  const [rows, total] = await Promise.all([
    db.$queryRaw<RawRow[]>`
      SELECT i.id, i."correlationId", i.title, i.environment, i.tenant, i.signature, i."httpStatus",
             i."occurredAt", i.severity, i.status, i."ownerId"
      FROM "Incident" i ${where}
      ORDER BY ${incidentOrder(query)}
      LIMIT ${query.pageSize} OFFSET ${offset(query)}`,
    countIncidents(query),
  ]);
  const [sizes, owners] = await Promise.all([
    groupSizes(rows.map((row) => row.signature)),
    ownerNames(rows.map((row) => row.ownerId)),
  ]);
  return {
    rows: rows.map((row) => ({
      ...row,
      occurredAt: new Date(row.occurredAt),
      ownerName: row.ownerId ? (owners.get(row.ownerId) ?? null) : null,
      groupSize: sizes.get(row.signature) ?? 1,
    })),
    total,
  };
}

export async function listSignatureGroups(query: IncidentListQuery) {
  const where = whereClause(query);
  type RawGroup = Omit<
    SignatureGroupRow,
    "firstSeen" | "lastSeen" | "count" | "unresolved" | "tenants"
  > & {
    firstSeen: string;
    lastSeen: string;
    count: bigint | number;
    unresolved: bigint | number;
    tenants: bigint | number;
  };
  const [rows, [total]] = await Promise.all([
    db.$queryRaw<RawGroup[]>`
      SELECT i.signature, COUNT(*) AS count,
             SUM(CASE WHEN i.status <> 'resolved' THEN 1 ELSE 0 END) AS unresolved,
             MIN(i."occurredAt") AS "firstSeen", MAX(i."occurredAt") AS "lastSeen",
             MIN(i.severity) AS "worstSeverity",
             (SELECT t.title FROM "Incident" t WHERE t.signature = i.signature
              ORDER BY t."occurredAt" DESC LIMIT 1) AS "latestTitle",
             COUNT(DISTINCT i.tenant) AS tenants
      FROM "Incident" i ${where}
      GROUP BY i.signature
      ORDER BY ${GROUP_ORDER[query.sort] ?? GROUP_ORDER.count} ${direction(query)}, i.signature
      LIMIT ${query.pageSize} OFFSET ${offset(query)}`,
    db.$queryRaw<
      Array<{ total: bigint | number }>
    >`SELECT COUNT(DISTINCT i.signature) AS total FROM "Incident" i ${where}`,
  ]);
  return {
    rows: rows.map((row) => ({
      ...row,
      count: Number(row.count),
      unresolved: Number(row.unresolved),
      tenants: Number(row.tenants),
      firstSeen: new Date(row.firstSeen),
      lastSeen: new Date(row.lastSeen),
    })),
    total: Number(total?.total ?? 0),
  };
}

export async function listTenants(): Promise<string[]> {
  // One index probe per tenant (the next one after the last): DISTINCT would walk every row's
  // index entry, which neither database skips ahead in; at a million incidents that is most of
  // a list page's time on PostgreSQL. Prisma's `distinct` would load every row.
  const rows = await db.$queryRaw<Array<{ tenant: string }>>`
    WITH RECURSIVE tenants(tenant) AS (
      SELECT MIN(tenant) FROM "Incident"
      UNION ALL
      SELECT (SELECT MIN(i.tenant) FROM "Incident" i WHERE i.tenant > tenants.tenant)
      FROM tenants WHERE tenants.tenant IS NOT NULL
    )
    SELECT tenant FROM tenants WHERE tenant IS NOT NULL LIMIT 500`;
  return rows.map((row) => row.tenant);
}

/**
 * What the live list compares: how many incidents the filters match, and the newest change to
 * any incident (one step down the updatedAt index). A change outside the filters costs a
 * needless refresh; finding the newest change within them would walk or sort the matches.
 */
export async function incidentListVersion(query: IncidentListQuery) {
  const [total, [newest]] = await Promise.all([
    countIncidents(query),
    db.$queryRaw<
      Array<{ updatedAt: string }>
    >`SELECT "updatedAt" FROM "Incident" ORDER BY "updatedAt" DESC LIMIT 1`,
  ]);
  return { total, lastUpdatedAt: newest?.updatedAt ?? null };
}
