import "server-only";
// What the checks use to reach a vendor: the connection an incident names, secrets decrypted,
// and a valid Smartcar access token for a linked account. Smartcar rotates refresh tokens, so a
// refresh holds a lease on the link's row (shared by every app instance through the database):
// one caller refreshes, the others wait for its new tokens and reuse them.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db, Prisma } from "@/lib/db/client";
import { decryptOptional, decryptSecret, encryptSecret } from "@/lib/security/encryption";
import { maskText } from "@/lib/security/secrets";
import { connectionOrigins } from "./origins";
import { seedDefaultSimulatorConnection } from "./seed";
import { refreshTokens } from "./smartcar-auth";

export type SimulatorConnectionRuntime = {
  kind: "pitstop-simulator";
  id: string;
  name: string;
  baseUrl: string;
  adminKey: string;
  tenantKeys: Record<string, string>;
};
export type SmartcarConnectionRuntime = {
  kind: "smartcar";
  id: string;
  name: string;
  environment: "sandbox" | "prod";
  authOrigin: string;
  apiOrigin: string;
  v3Origin: string;
  managementOrigin: string;
  clientId: string;
  clientSecret: string;
  managementToken: string | null;
};
export type VendorConnectionRuntime = SimulatorConnectionRuntime | SmartcarConnectionRuntime;

export class VendorConnectionNotFoundError extends Error {
  constructor(readonly connectionId: string) {
    super(`Vendor connection ${connectionId} was not found.`);
    this.name = "VendorConnectionNotFoundError";
  }
}

/** The simulator's admin key when the connection stores none: today's settings. */
const settingsAdminKey = () =>
  process.env.SIMULATOR_ADMIN_KEY ?? process.env.SIM_ADMIN_KEY ?? "sim-admin-key";

type ConnectionRow = Prisma.VendorConnectionGetPayload<object>;

export function runtimeOf(row: ConnectionRow): VendorConnectionRuntime {
  const origins = connectionOrigins(row);
  if (origins.kind === "pitstop-simulator")
    return {
      kind: "pitstop-simulator",
      id: row.id,
      name: row.name,
      baseUrl: origins.baseUrl,
      adminKey: decryptOptional(row.adminKeyEnc) ?? settingsAdminKey(),
      tenantKeys: JSON.parse(decryptOptional(row.tenantKeysEnc) ?? "{}") as Record<string, string>,
    };
  return {
    kind: "smartcar",
    id: row.id,
    name: row.name,
    environment: row.environment as "sandbox" | "prod",
    authOrigin: origins.authOrigin,
    apiOrigin: origins.apiOrigin,
    v3Origin: origins.v3Origin,
    managementOrigin: origins.managementOrigin,
    // The store refuses a Smartcar connection without both.
    clientId: row.clientId ?? "",
    clientSecret: decryptOptional(row.clientSecretEnc) ?? "",
    managementToken: decryptOptional(row.managementTokenEnc),
  };
}

/** The connection an incident names (null → the default simulator connection), secrets decrypted. */
export async function connectionForIncident(
  vendorConnectionId: string | null,
): Promise<VendorConnectionRuntime> {
  if (vendorConnectionId !== null) {
    const row = await db.vendorConnection.findUnique({ where: { id: vendorConnectionId } });
    if (!row) throw new VendorConnectionNotFoundError(vendorConnectionId);
    return runtimeOf(row);
  }
  const row =
    (await db.vendorConnection.findFirst({ where: { isDefault: true } })) ??
    (await seedDefaultSimulatorConnection());
  return runtimeOf(row);
}

/** Refresh when the access token has less than this left, so a check never starts with a dying one. */
export const ACCESS_TOKEN_MARGIN_MS = 60_000;
/** How long a refresh may hold the lease; past it another caller may take over. */
export const REFRESH_LEASE_MS = 30_000;
const WAIT_POLL_MS = 50;

export type SmartcarAccessTokenResult =
  | { ok: true; accessToken: string; linkId: string; smartcarUserId: string }
  | { ok: false; problem: string };

type LinkRow = Prisma.SmartcarAccountLinkGetPayload<object>;

async function findLink(
  connection: SmartcarConnectionRuntime,
  accountRef: string | null,
): Promise<{ ok: true; link: LinkRow } | { ok: false; problem: string }> {
  const ref = accountRef?.trim() || null;
  const links = await db.smartcarAccountLink.findMany({
    where: {
      connectionId: connection.id,
      ...(ref ? { OR: [{ label: ref }, { smartcarUserId: ref }] } : {}),
    },
    take: 2,
  });
  if (links.length === 1) return { ok: true, link: links[0]! };
  if (ref)
    return {
      ok: false,
      problem: `No Smartcar account "${ref}" is linked to the connection "${connection.name}": an admin links it under Admin → Vendors (label or Smartcar user id must match the incident's account).`,
    };
  return {
    ok: false,
    problem:
      links.length === 0
        ? `No Smartcar account is linked to the connection "${connection.name}": an admin links one under Admin → Vendors.`
        : `The incident names no account and "${connection.name}" has several linked: set the incident's account to a link's label.`,
  };
}

const fresh = (link: LinkRow, now: number) =>
  link.accessExpiresAt.getTime() - now > ACCESS_TOKEN_MARGIN_MS;
const granted = (link: LinkRow) => ({
  ok: true as const,
  accessToken: decryptSecret(link.accessTokenEnc),
  linkId: link.id,
  smartcarUserId: link.smartcarUserId,
});

/**
 * A valid access token for the linked Smartcar account that `accountRef` names (matched against
 * the link's label or smartcarUserId), refreshed under a database lease when it is near expiry
 * so parallel checks and several app instances never rotate the same refresh token twice.
 */
export async function smartcarAccessToken(
  connection: SmartcarConnectionRuntime,
  accountRef: string | null,
): Promise<SmartcarAccessTokenResult> {
  const found = await findLink(connection, accountRef);
  if (!found.ok) return found;
  const startedAt = new Date();
  const deadline = startedAt.getTime() + REFRESH_LEASE_MS + 5_000;
  let link = found.link;
  const owner = randomUUID();
  while (Date.now() < deadline) {
    if (fresh(link, Date.now())) return granted(link);
    if (link.refreshExpiresAt.getTime() <= Date.now())
      return {
        ok: false,
        problem: `The refresh token of the linked account "${link.label}" expired at ${link.refreshExpiresAt.toISOString()}: link the account again.`,
      };
    // A refresh that failed while this caller waited: its answer stands for this one too.
    if (
      link.lastError &&
      link.lastErrorAt &&
      link.lastErrorAt >= startedAt &&
      !link.refreshLeaseOwner
    )
      return { ok: false, problem: link.lastError };
    const now = new Date();
    const { count } = await db.smartcarAccountLink.updateMany({
      where: {
        id: link.id,
        version: link.version,
        OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lt: now } }],
      },
      data: {
        refreshLeaseUntil: new Date(now.getTime() + REFRESH_LEASE_MS),
        refreshLeaseOwner: owner,
      },
    });
    if (count === 1) return refreshUnderLease(connection, link, owner);
    await sleep(WAIT_POLL_MS);
    const current = await db.smartcarAccountLink.findUnique({ where: { id: link.id } });
    if (!current) return { ok: false, problem: `The linked account "${link.label}" was unlinked.` };
    link = current;
  }
  return {
    ok: false,
    problem: `Waited ${Math.round((deadline - startedAt.getTime()) / 1000)} s for another refresh of the linked account "${link.label}" to finish.`,
  };
}

async function refreshUnderLease(
  connection: SmartcarConnectionRuntime,
  link: LinkRow,
  owner: string,
): Promise<SmartcarAccessTokenResult> {
  const result = await refreshTokens(connection, decryptSecret(link.refreshTokenEnc));
  if (!result.ok) {
    const problem = maskText(
      `Refreshing the linked account "${link.label}" failed: ${result.problem}${result.oauthError === "invalid_grant" ? " (the grant was revoked or its refresh token already used: link the account again)" : ""}`,
    );
    await db.smartcarAccountLink.updateMany({
      where: { id: link.id, refreshLeaseOwner: owner },
      data: {
        lastError: problem,
        lastErrorAt: new Date(),
        refreshLeaseUntil: null,
        refreshLeaseOwner: null,
      },
    });
    return { ok: false, problem };
  }
  const { tokens } = result;
  // Written even if the lease ran out meanwhile: the old refresh token is spent, these are the
  // only valid ones. `version` tells waiters that new tokens are in.
  await db.smartcarAccountLink.update({
    where: { id: link.id },
    data: {
      accessTokenEnc: encryptSecret(tokens.accessToken),
      refreshTokenEnc: encryptSecret(tokens.refreshToken),
      accessExpiresAt: tokens.accessExpiresAt,
      refreshExpiresAt: tokens.refreshExpiresAt,
      ...(tokens.scopes ? { scopes: JSON.stringify(tokens.scopes) } : {}),
      version: { increment: 1 },
      refreshLeaseUntil: null,
      refreshLeaseOwner: null,
      lastError: null,
      lastErrorAt: null,
    },
  });
  return {
    ok: true,
    accessToken: tokens.accessToken,
    linkId: link.id,
    smartcarUserId: link.smartcarUserId,
  };
}
