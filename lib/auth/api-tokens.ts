import "server-only";
// Bearer tokens for /api/v1. The secret is shown once at creation; only its SHA-256 is kept
// (a 256-bit random secret needs no slow hash). Tokens look like "pst_<prefix>_<secret>".
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/log";
import { db } from "@/lib/db/client";
import { requiredText } from "@/lib/validation/text";
import type { Actor } from "./policy";
import { roleSchema, type Role } from "./roles";

export const apiTokenInputSchema = z.object({
  name: requiredText("name", 100),
  role: roleSchema,
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
        createdById: createdBy.kind === "user" ? createdBy.id : null,
      },
      select: { id: true, name: true, role: true, prefix: true, createdAt: true },
    });
    await recordAudit(tx, createdBy, {
      action: "api_token.create",
      entityType: "api_token",
      entityId: created.id,
      after: created,
    });
    return created;
  });
  return { ...record, token };
}

/** The actor behind an `Authorization: Bearer` header, or null when absent, unknown or revoked. */
export async function actorFromBearer(authorization: string | null): Promise<Actor | null> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const record = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!record || record.revokedAt) return null;
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
