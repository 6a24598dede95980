import "server-only";
// Bearer tokens for /api/v1. The secret is shown once at creation; only its SHA-256 is kept
// (a 256-bit random secret needs no slow hash). Tokens look like "pst_<prefix>_<secret>".
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/log";
import { db, type Prisma } from "@/lib/db/client";
import { requiredText } from "@/lib/validation/text";
import type { Actor } from "./policy";
import { roleSchema, type Role } from "./roles";

export const MAX_TOKEN_DAYS = 3650;

/** One schema for the admin's form, POST /api/v1/tokens and `pitstop token create`. */
export const apiTokenInputSchema = z.object({
  name: requiredText("name", 100),
  role: roleSchema,
  // Absent or null: the token does not expire.
  expiresInDays: z
    .int({ error: "expiresInDays must be a whole number of days" })
    .min(1, { error: "expiresInDays must be at least 1" })
    .max(MAX_TOKEN_DAYS, { error: `expiresInDays must be at most ${MAX_TOKEN_DAYS}` })
    .nullish(),
});
export type ApiTokenInput = z.infer<typeof apiTokenInputSchema>;

const TOKEN_PATTERN = /^pst_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
// lastUsedAt is informational; writing it on every request would serialise reads behind writes.
const LAST_USED_RESOLUTION_MS = 60_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createApiToken(input: ApiTokenInput, createdBy: AuditActor) {
  const prefix = randomBytes(6).toString("hex").slice(0, 8);
  const token = `pst_${prefix}_${randomBytes(32).toString("base64url")}`;
  const record = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        role: input.role,
        prefix,
        tokenHash: hashToken(token),
        expiresAt: input.expiresInDays
          ? new Date(Date.now() + input.expiresInDays * 86_400_000)
          : null,
        createdById: createdBy.kind === "user" ? createdBy.id : null,
      },
      select: TOKEN_COLUMNS,
    });
    await recordAudit(tx, createdBy, {
      action: "api_token.create",
      entityType: "api_token",
      entityId: created.id,
      after: created,
    });
    return created;
  });
  return { ...tokenRecord(record), token };
}

export const TOKEN_STATES = ["active", "expired", "revoked"] as const;
export type TokenState = (typeof TOKEN_STATES)[number];

const TOKEN_COLUMNS = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdBy: { select: { name: true } },
} as const;
type TokenRow = Prisma.ApiTokenGetPayload<{ select: typeof TOKEN_COLUMNS }>;

export type ApiTokenRecord = Omit<TokenRow, "createdBy" | "role"> & {
  role: Role;
  state: TokenState;
  createdByName: string | null;
};

function tokenRecord({ createdBy, ...row }: TokenRow, now = new Date()): ApiTokenRecord {
  const state: TokenState = row.revokedAt
    ? "revoked"
    : row.expiresAt && row.expiresAt <= now
      ? "expired"
      : "active";
  return {
    ...row,
    role: roleSchema.catch("manager").parse(row.role),
    state,
    createdByName: createdBy?.name ?? null,
  };
}

export function apiTokenJson(token: ApiTokenRecord) {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    prefix: token.prefix,
    state: token.state,
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdByName,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

/** Every token, newest first; never its secret. */
export async function listApiTokens(): Promise<ApiTokenRecord[]> {
  const rows = await db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: TOKEN_COLUMNS,
  });
  const now = new Date();
  return rows.map((row) => tokenRecord(row, now));
}

export type RevokeOutcome =
  | { ok: true; token: ApiTokenRecord }
  | { ok: false; reason: "not_found" | "already_revoked"; message: string };

export async function revokeApiToken({
  actor,
  tokenId,
}: {
  actor: AuditActor;
  tokenId: string;
}): Promise<RevokeOutcome> {
  return db.$transaction(async (tx): Promise<RevokeOutcome> => {
    const now = new Date();
    const revoked = await tx.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt: now },
    });
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: TOKEN_COLUMNS });
    if (!token)
      return { ok: false, reason: "not_found", message: `Token ${tokenId} was not found.` };
    if (revoked.count === 0) {
      return {
        ok: false,
        reason: "already_revoked",
        message: `Token ${token.name} was already revoked.`,
      };
    }
    await recordAudit(tx, actor, {
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt: now },
    });
    return { ok: true, token: tokenRecord(token, now) };
  });
}

/**
 * The actor behind an `Authorization: Bearer` header, or null when absent, unknown, revoked,
 * expired, or made by a user who has since been disabled.
 */
export async function actorFromBearer(authorization: string | null): Promise<Actor | null> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const record = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { createdBy: { select: { disabledAt: true } } },
  });
  if (!record || record.revokedAt || record.createdBy?.disabledAt) return null;
  if (record.expiresAt && record.expiresAt <= new Date()) return null;
  const role = roleSchema.safeParse(record.role);
  if (!role.success) return null;
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    kind: "api_token",
    id: record.id,
    label: `token ${record.name}`,
    role: role.data as Role,
  };
}
