import "server-only";
// On-demand import of the vendor's audit log (GET /{env}/console/audit with the admin key) as
// change events. Each vendor entry keeps its id as externalId, so importing again adds only
// what is new; entries that are not changes Pitstop tracks are skipped and counted. The whole
// import is one transaction: a vendor that is down or answers garbage leaves nothing behind.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db/client";
import { vendorGateway } from "@/lib/diagnosis/diagnose";
import { readBody, TelematicsClient, type VendorEnvironment } from "@/lib/telematics/client";
import type { ChangeKind } from "./schema";

// The console answers at most this many entries, newest first.
const AUDIT_PAGE_LIMIT = 1_000;
const VENDOR_TIMEOUT_MS = 5_000;

const vendorAuditEntrySchema = z.object({
  id: z.string().min(1).max(200),
  at: z.iso.datetime({ offset: true }),
  // A string, not an enum: an action this version does not know is skipped, not an error.
  kind: z.string().max(100),
  tenant: z.string().max(100).nullable(),
  summary: z.string().max(2_000),
  details: z.record(z.string(), z.unknown()),
});
export type VendorAuditEntry = z.infer<typeof vendorAuditEntrySchema>;
const vendorAuditLogSchema = z.object({
  entries: z.array(vendorAuditEntrySchema).max(AUDIT_PAGE_LIMIT),
});

/**
 * Vendor audit actions that are changes to an integration, as Pitstop's change kinds. A linked
 * or unlinked vehicle is a relink of the account's OAuth grant to it; a password change revokes
 * the account's tokens, so the app must get new ones; subscription and minimum-app-version
 * changes are vendor policy; a sunset API version forces a new version pin.
 */
export const VENDOR_ACTION_KINDS: Record<string, ChangeKind> = {
  key_rotation: "key_rotation",
  scope_change: "scope_change",
  relink: "oauth_relink",
  unlink: "oauth_relink",
  password_change: "token_regeneration",
  subscription_change: "policy_change",
  app_version_gate: "policy_change",
  api_version_sunset: "api_version_pin",
};

export const vendorExternalId = (environment: VendorEnvironment, entryId: string) =>
  `vendor:${environment}:${entryId}`;

export type MappedChange = {
  externalId: string;
  kind: ChangeKind;
  environment: VendorEnvironment;
  tenant: string | null;
  summary: string;
  details: string;
  occurredAt: Date;
};

/** The change an audit entry stands for, or null when the entry is not a change we track. */
export function mapVendorAuditEntry(
  environment: VendorEnvironment,
  entry: VendorAuditEntry,
): MappedChange | null {
  const kind = VENDOR_ACTION_KINDS[entry.kind];
  if (!kind) return null;
  return {
    externalId: vendorExternalId(environment, entry.id),
    kind,
    environment,
    tenant: entry.tenant,
    summary: (entry.summary.trim() || entry.kind).slice(0, 300),
    details: JSON.stringify({ vendorAction: entry.kind, ...entry.details }).slice(0, 5_000),
    occurredAt: new Date(entry.at),
  };
}

export type VendorOptions = { baseUrl: string; adminKey: string; timeoutMs?: number };

const defaultVendor = (): VendorOptions => {
  const { baseUrl, adminKey } = vendorGateway().options;
  return { baseUrl, adminKey };
};

type Fetched = { ok: true; entries: VendorAuditEntry[] } | { ok: false; problem: string };

export async function fetchVendorAudit(
  environment: VendorEnvironment,
  vendor: VendorOptions,
): Promise<Fetched> {
  const client = new TelematicsClient({
    baseUrl: vendor.baseUrl,
    timeoutMs: vendor.timeoutMs ?? VENDOR_TIMEOUT_MS,
    userAgent: "pitstop-changes/1.0",
  });
  const exchange = await client.send({
    method: "GET",
    path: "/console/audit",
    environment,
    query: { limit: AUDIT_PAGE_LIMIT },
    headers: { "x-admin-key": vendor.adminKey },
  });
  if (exchange.failure)
    return {
      ok: false,
      problem: `The vendor did not answer (${exchange.failure.kind}: ${exchange.failure.message}).`,
    };
  const status = exchange.response!.status;
  if (status !== 200) {
    const body = exchange.response!.body as { code?: unknown; message?: unknown } | null;
    const said =
      body && typeof body === "object" && typeof body.message === "string"
        ? `: ${body.message}`
        : "";
    return { ok: false, problem: `The vendor's audit log answered ${status}${said}.` };
  }
  const read = readBody(exchange, vendorAuditLogSchema);
  return read.ok
    ? { ok: true, entries: read.data.entries }
    : { ok: false, problem: `The vendor's audit log could not be read: ${read.problem}.` };
}

export type VendorAuditImport =
  | {
      ok: true;
      environment: VendorEnvironment;
      imported: number;
      alreadyHad: number;
      skipped: number;
    }
  | { ok: false; environment: VendorEnvironment; problem: string };

export async function importVendorAudit(
  environment: VendorEnvironment,
  actor: Actor,
  vendor: VendorOptions = defaultVendor(),
): Promise<VendorAuditImport> {
  const fetched = await fetchVendorAudit(environment, vendor);
  if (!fetched.ok) return { ok: false, environment, problem: fetched.problem };
  const mapped = fetched.entries
    .map((entry) => mapVendorAuditEntry(environment, entry))
    .filter((change) => change !== null);
  const skipped = fetched.entries.length - mapped.length;
  // An entry the vendor lists twice is still one change.
  const changes = [...new Map(mapped.map((change) => [change.externalId, change])).values()];
  const createdById = actor.kind === "user" ? actor.id : null;
  return db.$transaction(async (tx) => {
    const known = await tx.changeEvent.findMany({
      where: { externalId: { in: changes.map((change) => change.externalId) } },
      select: { externalId: true },
    });
    const had = new Set(known.map((row) => row.externalId));
    const fresh = changes.filter((change) => !had.has(change.externalId));
    if (fresh.length)
      await tx.changeEvent.createMany({
        data: fresh.map((change) => ({ ...change, source: "vendor_audit", createdById })),
      });
    const result = {
      ok: true as const,
      environment,
      imported: fresh.length,
      alreadyHad: mapped.length - fresh.length,
      skipped,
    };
    await recordAudit(tx, actor, { action: "change.import", entityType: "change", after: result });
    return result;
  });
}

/** "Imported 3, already had 2, skipped 1." */
export const describeImport = (result: Extract<VendorAuditImport, { ok: true }>) =>
  `Imported ${result.imported}, already had ${result.alreadyHad}, skipped ${result.skipped} from the ${result.environment} audit log.`;
