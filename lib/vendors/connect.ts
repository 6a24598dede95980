import "server-only";
// Linking a Smartcar account through Connect from Pitstop: an admin names the account, Pitstop
// keeps a one-time `state` (its SHA-256, bound to that admin and connection, ten minutes) and
// sends the browser to Connect; the callback checks the state, exchanges the code, asks who
// the user is and keeps the tokens encrypted.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { requestOrigin } from "@/lib/auth/client-address";
import { db, isUniqueViolation } from "@/lib/db/client";
import { encryptSecret } from "@/lib/security/encryption";
import { text } from "@/lib/validation/text";
import {
  CONNECT_STATE_TTL_MS,
  SMARTCAR_CALLBACK_PATH,
  SMARTCAR_DIAGNOSIS_SCOPES,
} from "./constants";
import { connectionForIncident } from "./runtime";
import { connectUrl, exchangeCode, smartcarUser } from "./smartcar-auth";

/** The account as incidents name it (their accountRef): a customer's email or id. */
export const linkLabelSchema = z.object({
  label: text("label", { max: 100 }).min(1, {
    error: "label is required: the customer's email or account ref",
  }),
});

/** Connect's answer on the callback URL. */
export const connectCallbackSchema = z.object({
  code: z.string().max(2_000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2_000).optional(),
});

/** Where the browser comes back: PITSTOP_PUBLIC_URL, else the origin the request was sent to. */
export function connectOrigin(headers: Headers): string {
  const configured = process.env.PITSTOP_PUBLIC_URL?.trim().replace(/\/+$/, "");
  return configured || requestOrigin(headers) || "http://127.0.0.1:3000";
}

const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

export type StartConnectResult = { ok: true; url: string } | { ok: false; message: string };

export async function startConnect(
  connectionId: string,
  label: string,
  user: Actor,
  origin: string,
): Promise<StartConnectResult> {
  const row = await db.vendorConnection.findUnique({
    where: { id: connectionId },
    select: { kind: true },
  });
  if (!row) return { ok: false, message: "This vendor connection no longer exists." };
  if (row.kind !== "smartcar")
    return { ok: false, message: "Only a Smartcar connection links accounts." };
  const connection = await connectionForIncident(connectionId);
  if (connection.kind !== "smartcar")
    return { ok: false, message: "Only a Smartcar connection links accounts." };
  const state = randomBytes(32).toString("base64url");
  const redirectUri = `${origin}${SMARTCAR_CALLBACK_PATH}`;
  await db.smartcarConnectState.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.smartcarConnectState.create({
    data: {
      stateHash: hashState(state),
      connectionId,
      userId: user.id,
      label,
      redirectUri,
      expiresAt: new Date(Date.now() + CONNECT_STATE_TTL_MS),
    },
  });
  return {
    ok: true,
    url: connectUrl(connection, {
      redirectUri,
      state,
      mode: connection.environment === "prod" ? "live" : "test",
    }),
  };
}

export type CompleteConnectResult =
  | { ok: true; connectionId: string; label: string; smartcarUserId: string }
  | { ok: false; connectionId: string | null; message: string };

/** The callback: the state checked and spent, then the code exchanged and the link kept. */
export async function completeConnect(
  query: z.infer<typeof connectCallbackSchema>,
  user: Actor,
): Promise<CompleteConnectResult> {
  if (!query.state)
    return {
      ok: false,
      connectionId: null,
      message: "Smartcar Connect came back without a state: start linking again.",
    };
  const now = new Date();
  const stored = await db.smartcarConnectState.findUnique({
    where: { stateHash: hashState(query.state) },
  });
  if (!stored || stored.usedAt)
    return {
      ok: false,
      connectionId: stored?.connectionId ?? null,
      message:
        "This Connect answer does not match a linking Pitstop started, or was already used: start linking again.",
    };
  const refuse = (message: string) => ({
    ok: false as const,
    connectionId: stored.connectionId,
    message,
  });
  if (stored.userId !== user.id)
    return refuse("This linking was started by another admin: start it again yourself.");
  // Spent before anything else, by a conditional update: a replayed callback finds it used.
  const { count } = await db.smartcarConnectState.updateMany({
    where: { id: stored.id, usedAt: null },
    data: { usedAt: now },
  });
  if (count === 0) return refuse("This Connect answer was already used: start linking again.");
  if (stored.expiresAt <= now)
    return refuse(
      `The linking took longer than ${CONNECT_STATE_TTL_MS / 60_000} minutes: start it again.`,
    );
  if (query.error)
    return refuse(
      query.error === "access_denied"
        ? `The account owner declined access in Smartcar Connect${query.error_description ? ` (${query.error_description})` : ""}: nothing was linked.`
        : `Smartcar Connect answered ${query.error}${query.error_description ? ` (${query.error_description})` : ""}: nothing was linked.`,
    );
  if (!query.code) return refuse("Smartcar Connect came back without a code: start linking again.");
  const connection = await connectionForIncident(stored.connectionId);
  if (connection.kind !== "smartcar") return refuse("Only a Smartcar connection links accounts.");
  const exchanged = await exchangeCode(connection, query.code, stored.redirectUri);
  if (!exchanged.ok) return refuse(`Exchanging the code failed: ${exchanged.problem}`);
  const who = await smartcarUser(connection.apiOrigin, exchanged.tokens.accessToken);
  if (!who.ok) return refuse(`Reading the linked user failed: ${who.problem}`);
  const { tokens } = exchanged;
  const values = {
    label: stored.label,
    accessTokenEnc: encryptSecret(tokens.accessToken),
    refreshTokenEnc: encryptSecret(tokens.refreshToken),
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt,
    scopes: JSON.stringify(tokens.scopes ?? [...SMARTCAR_DIAGNOSIS_SCOPES]),
    refreshLeaseUntil: null,
    refreshLeaseOwner: null,
    lastError: null,
    lastErrorAt: null,
  };
  try {
    await db.$transaction(async (tx) => {
      // Linking the same Smartcar user again replaces its tokens (and label).
      const link = await tx.smartcarAccountLink.upsert({
        where: {
          connectionId_smartcarUserId: { connectionId: connection.id, smartcarUserId: who.id },
        },
        create: { ...values, connectionId: connection.id, smartcarUserId: who.id },
        update: { ...values, version: { increment: 1 } },
      });
      await recordAudit(tx, user, {
        action: "vendor_connection.link_account",
        entityType: "vendor_connection",
        entityId: connection.id,
        after: { linkId: link.id, label: stored.label, smartcarUserId: who.id },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      return refuse(
        `"${stored.label}" already names another linked account on this connection: unlink it first or choose another label.`,
      );
    throw error;
  }
  return { ok: true, connectionId: connection.id, label: stored.label, smartcarUserId: who.id };
}
