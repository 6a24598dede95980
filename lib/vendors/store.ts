import "server-only";
// Vendor connections as the admin manages them. Secrets go in encrypted and never come out of
// this module except to lib/vendors/runtime: records say only whether each one is set, and the
// audit log says which secrets changed, never their values.
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { db, isUniqueViolation, Prisma } from "@/lib/db/client";
import { decryptOptional, encryptOptional } from "@/lib/security/encryption";
import { maskUrl } from "@/lib/security/secrets";
import { SMARTCAR_ORIGIN_FIELDS, type VendorKind } from "./constants";
import { connectionOrigins, type ConnectionOrigins } from "./origins";
import {
  fieldsForOtherKind,
  type VendorConnectionInput,
  type VendorConnectionPatch,
} from "./schema";

const ENTITY = "vendor_connection";
const SECRET_FIELDS = ["clientSecret", "managementToken", "adminKey", "tenantKeys"] as const;
type SecretField = (typeof SECRET_FIELDS)[number];
const SECRET_COLUMNS = {
  clientSecret: "clientSecretEnc",
  managementToken: "managementTokenEnc",
  adminKey: "adminKeyEnc",
  tenantKeys: "tenantKeysEnc",
} as const satisfies Record<SecretField, keyof VendorConnectionRow>;

type VendorConnectionRow = Prisma.VendorConnectionGetPayload<object>;

export type AccountLinkRecord = {
  id: string;
  label: string;
  smartcarUserId: string;
  scopes: string[];
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
  lastError: string | null;
  lastErrorAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type VendorConnectionRecord = {
  id: string;
  name: string;
  kind: VendorKind;
  environment: "sandbox" | "prod";
  baseUrl: string | null;
  authOrigin: string | null;
  apiOrigin: string | null;
  v3Origin: string | null;
  managementOrigin: string | null;
  /** The URLs the connection really uses, settings and defaults filled in. */
  origins: ConnectionOrigins;
  clientId: string | null;
  /** Whether each write-only secret is set; never the value. */
  secrets: Record<SecretField, boolean>;
  /** The tenants that have a key (names only). */
  tenants: string[];
  isDefault: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  incidentCount: number;
  accountLinks: AccountLinkRecord[];
};

const include = {
  createdBy: { select: { name: true } },
  _count: { select: { incidents: true } },
  accountLinks: { orderBy: { label: "asc" } },
} satisfies Prisma.VendorConnectionInclude;
type RowWithSummary = Prisma.VendorConnectionGetPayload<{ include: typeof include }>;

const tenantsOf = (row: Pick<VendorConnectionRow, "tenantKeysEnc">) =>
  Object.keys(JSON.parse(decryptOptional(row.tenantKeysEnc) ?? "{}") as object).sort();

// Fields picked one by one, never spread: the row carries the ciphertexts.
function toRecord(row: RowWithSummary): VendorConnectionRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as VendorKind,
    environment: row.environment as "sandbox" | "prod",
    baseUrl: row.baseUrl,
    authOrigin: row.authOrigin,
    apiOrigin: row.apiOrigin,
    v3Origin: row.v3Origin,
    managementOrigin: row.managementOrigin,
    origins: connectionOrigins(row),
    clientId: row.clientId,
    secrets: Object.fromEntries(
      SECRET_FIELDS.map((field) => [field, row[SECRET_COLUMNS[field]] !== null]),
    ) as Record<SecretField, boolean>,
    tenants: tenantsOf(row),
    isDefault: row.isDefault,
    createdBy: row.createdBy?.name ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    incidentCount: row._count.incidents,
    accountLinks: row.accountLinks.map((link) => ({
      id: link.id,
      label: link.label,
      smartcarUserId: link.smartcarUserId,
      scopes: JSON.parse(link.scopes) as string[],
      accessExpiresAt: link.accessExpiresAt,
      refreshExpiresAt: link.refreshExpiresAt,
      lastError: link.lastError,
      lastErrorAt: link.lastErrorAt,
      createdAt: link.createdAt,
      updatedAt: link.updatedAt,
    })),
  };
}

/** JSON as the API answers it: dates as ISO 8601, secrets as set / not set. */
export const vendorConnectionJson = (connection: VendorConnectionRecord) => ({
  ...connection,
  createdAt: connection.createdAt.toISOString(),
  updatedAt: connection.updatedAt.toISOString(),
  accountLinks: connection.accountLinks.map((link) => ({
    ...link,
    accessExpiresAt: link.accessExpiresAt.toISOString(),
    refreshExpiresAt: link.refreshExpiresAt.toISOString(),
    lastErrorAt: link.lastErrorAt?.toISOString() ?? null,
    createdAt: link.createdAt.toISOString(),
    updatedAt: link.updatedAt.toISOString(),
  })),
});

export async function listConnections(): Promise<VendorConnectionRecord[]> {
  const rows = await db.vendorConnection.findMany({
    include,
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
  });
  return rows.map(toRecord);
}

export async function getConnection(id: string): Promise<VendorConnectionRecord | null> {
  const row = await db.vendorConnection.findUnique({ where: { id }, include });
  return row ? toRecord(row) : null;
}

/** Names and ids for the incident form's select, the default first. */
export async function connectionChoices(): Promise<
  { id: string; name: string; kind: VendorKind; isDefault: boolean }[]
> {
  const rows = await db.vendorConnection.findMany({
    select: { id: true, name: true, kind: true, isDefault: true },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
  });
  return rows.map((row) => ({ ...row, kind: row.kind as VendorKind }));
}

/** How an incident page names its connection: by name, or the default's name when it names none. */
export async function vendorConnectionLabel(id: string | null): Promise<string> {
  if (id) {
    const row = await db.vendorConnection.findUnique({ where: { id }, select: { name: true } });
    return row?.name ?? id;
  }
  const current = await db.vendorConnection.findFirst({
    where: { isDefault: true },
    select: { name: true },
  });
  return `${current?.name ?? "Simulator"} (default)`;
}

/**
 * The incident form's "Vendor connection" choices: first "" (whatever is the default when the
 * checks run), then each connection by name.
 */
export async function vendorConnectionOptions(): Promise<{ value: string; label: string }[]> {
  const choices = await connectionChoices();
  const current = choices.find((choice) => choice.isDefault);
  return [
    { value: "", label: current ? `Default (${current.name})` : "Default (the simulator)" },
    ...choices.map((choice) => ({ value: choice.id, label: choice.name })),
  ];
}

export type ConnectionWriteResult =
  | { ok: true; connection: VendorConnectionRecord }
  | { ok: false; reason: "invalid"; fields: Record<string, string> }
  | { ok: false; reason: "not_found" };

type Secrets = Partial<Pick<VendorConnectionInput, SecretField>>;

/** The columns for the secrets given: undefined keeps, null clears, text is encrypted. */
function secretColumns(input: Secrets) {
  const columns: Partial<Record<(typeof SECRET_COLUMNS)[SecretField], string | null>> = {};
  for (const field of SECRET_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    columns[SECRET_COLUMNS[field]] = encryptOptional(
      value === null ? null : typeof value === "string" ? value : JSON.stringify(value),
    );
  }
  return columns;
}

/** For the audit log: which secrets this write set or cleared, never their values. */
const secretChanges = (input: Secrets) =>
  Object.fromEntries(
    SECRET_FIELDS.filter((field) => input[field] !== undefined).map((field) => [
      field,
      input[field] === null ? "cleared" : "changed",
    ]),
  );

const plainColumns = [
  "name",
  "environment",
  "baseUrl",
  ...SMARTCAR_ORIGIN_FIELDS,
  "clientId",
] as const;

const auditView = (values: Partial<Record<(typeof plainColumns)[number], string | null>>) =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [
        key,
        typeof value === "string" && key !== "name" ? maskUrl(value) : value,
      ]),
  );

/** What a connection of its kind needs once the write is applied. */
function missingForKind(
  kind: VendorKind,
  merged: { clientId: string | null; clientSecretSet: boolean },
): Record<string, string> {
  if (kind !== "smartcar") return {};
  return {
    ...(merged.clientId ? {} : { clientId: "clientId is required for a Smartcar connection" }),
    ...(merged.clientSecretSet
      ? {}
      : { clientSecret: "clientSecret is required for a Smartcar connection" }),
  };
}

const nameTaken = (name: string) => ({
  ok: false as const,
  reason: "invalid" as const,
  fields: { name: `a connection named "${name}" already exists` },
});

export async function createConnection(
  input: VendorConnectionInput,
  actor: Actor | { kind: "system"; label: string },
): Promise<ConnectionWriteResult> {
  const missing = missingForKind(input.kind, {
    clientId: input.clientId ?? null,
    clientSecretSet: Boolean(input.clientSecret),
  });
  if (Object.keys(missing).length > 0) return { ok: false, reason: "invalid", fields: missing };
  const plain = Object.fromEntries(plainColumns.map((key) => [key, input[key] ?? null])) as Record<
    (typeof plainColumns)[number],
    string | null
  > & { name: string; environment: string };
  try {
    const row = await db.$transaction(async (tx) => {
      if (input.isDefault)
        await tx.vendorConnection.updateMany({
          where: { isDefault: true },
          data: { isDefault: false },
        });
      const created = await tx.vendorConnection.create({
        data: {
          ...plain,
          kind: input.kind,
          isDefault: input.isDefault ?? false,
          ...secretColumns(input),
          createdById: actor.kind === "user" ? actor.id : null,
        },
        include,
      });
      await recordAudit(tx, actor, {
        action: "vendor_connection.create",
        entityType: ENTITY,
        entityId: created.id,
        after: {
          kind: input.kind,
          ...auditView(plain),
          isDefault: created.isDefault,
          secrets: secretChanges(input),
        },
      });
      return created;
    });
    return { ok: true, connection: toRecord(row) };
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(input.name);
    throw error;
  }
}

export async function updateConnection(
  id: string,
  patch: VendorConnectionPatch,
  actor: Actor,
): Promise<ConnectionWriteResult> {
  const existing = await db.vendorConnection.findUnique({ where: { id } });
  if (!existing) return { ok: false, reason: "not_found" };
  const kind = existing.kind as VendorKind;
  const fields: Record<string, string> = {
    ...(patch.kind && patch.kind !== kind
      ? { kind: `kind cannot change once created (this is a ${kind} connection)` }
      : {}),
    ...fieldsForOtherKind({ ...patch, kind }),
    ...(patch.isDefault === false && existing.isDefault
      ? { isDefault: "isDefault: make another connection the default instead" }
      : {}),
    ...missingForKind(kind, {
      clientId: patch.clientId === undefined ? existing.clientId : patch.clientId,
      clientSecretSet:
        patch.clientSecret === undefined
          ? existing.clientSecretEnc !== null
          : patch.clientSecret !== null,
    }),
  };
  if (Object.keys(fields).length > 0) return { ok: false, reason: "invalid", fields };
  const plain = Object.fromEntries(
    plainColumns.filter((key) => patch[key] !== undefined).map((key) => [key, patch[key]]),
  ) as Partial<Record<(typeof plainColumns)[number], string | null>>;
  try {
    const row = await db.$transaction(async (tx) => {
      if (patch.isDefault && !existing.isDefault)
        await tx.vendorConnection.updateMany({
          where: { isDefault: true },
          data: { isDefault: false },
        });
      const updated = await tx.vendorConnection.update({
        where: { id },
        data: {
          ...(plain as Prisma.VendorConnectionUpdateInput),
          ...(patch.isDefault ? { isDefault: true } : {}),
          ...secretColumns(patch),
        },
        include,
      });
      const before = Object.fromEntries(
        Object.keys(plain).map((key) => [key, existing[key as keyof typeof plain]]),
      );
      await recordAudit(tx, actor, {
        action: "vendor_connection.update",
        entityType: ENTITY,
        entityId: id,
        before: { ...auditView(before), isDefault: existing.isDefault },
        after: { ...auditView(plain), isDefault: updated.isDefault, secrets: secretChanges(patch) },
      });
      return updated;
    });
    return { ok: true, connection: toRecord(row) };
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(patch.name ?? existing.name);
    throw error;
  }
}

export type DeleteConnectionResult =
  | { ok: true }
  | { ok: false; reason: "not_found" | "is_default" }
  | { ok: false; reason: "in_use"; incidents: number };

/** Refused while it is the default or any incident names it (the incidents would change vendor). */
export async function deleteConnection(id: string, actor: Actor): Promise<DeleteConnectionResult> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.vendorConnection.findUnique({
        where: { id },
        select: {
          name: true,
          kind: true,
          isDefault: true,
          _count: { select: { incidents: true } },
        },
      });
      if (!existing) return { ok: false, reason: "not_found" } as const;
      if (existing.isDefault) return { ok: false, reason: "is_default" } as const;
      if (existing._count.incidents > 0)
        return { ok: false, reason: "in_use", incidents: existing._count.incidents } as const;
      await tx.vendorConnection.delete({ where: { id } });
      await recordAudit(tx, actor, {
        action: "vendor_connection.delete",
        entityType: ENTITY,
        entityId: id,
        before: { name: existing.name, kind: existing.kind },
      });
      return { ok: true } as const;
    });
  } catch (error) {
    // An incident filed between the count and the delete: the foreign key refuses it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003")
      return {
        ok: false,
        reason: "in_use",
        incidents: await db.incident.count({ where: { vendorConnectionId: id } }),
      };
    throw error;
  }
}

export const deleteRefusal = (
  result: Exclude<DeleteConnectionResult, { ok: true }>,
  name: string,
) =>
  result.reason === "not_found"
    ? `Vendor connection ${name} was not found.`
    : !("incidents" in result)
      ? `"${name}" is the default connection: make another one the default before deleting it.`
      : `"${name}" is named by ${result.incidents} incident${result.incidents === 1 ? "" : "s"}: it cannot be deleted while they depend on it.`;

/** Forgets a linked Smartcar account (its tokens with it). */
export async function unlinkAccount(
  connectionId: string,
  linkId: string,
  actor: Actor,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const link = await tx.smartcarAccountLink.findFirst({
      where: { id: linkId, connectionId },
      select: { label: true, smartcarUserId: true },
    });
    if (!link) return false;
    await tx.smartcarAccountLink.delete({ where: { id: linkId } });
    await recordAudit(tx, actor, {
      action: "vendor_connection.unlink_account",
      entityType: ENTITY,
      entityId: connectionId,
      before: { label: link.label, smartcarUserId: link.smartcarUserId },
    });
    return true;
  });
}
