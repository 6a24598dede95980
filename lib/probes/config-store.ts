import "server-only";
// The saved probe configuration (one AppSetting row). A row that no longer parses (an older
// shape, a hand edit) falls back to the defaults rather than stopping the probes.
import { recordAudit, type AuditActor } from "@/lib/audit/log";
import { db } from "@/lib/db/client";
import {
  defaultProbeConfig,
  PROBE_CONFIG_KEY,
  probeConfigSchema,
  probesDisabledByEnv,
  type ProbeConfig,
} from "./config";

export type StoredProbeConfig = { config: ProbeConfig; saved: boolean; problem: string | null };

function readStored(value: string | undefined): StoredProbeConfig {
  if (value === undefined) return { config: defaultProbeConfig(), saved: false, problem: null };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return {
      config: defaultProbeConfig(),
      saved: false,
      problem: "the saved probe settings are not JSON; using the defaults",
    };
  }
  const parsed = probeConfigSchema.safeParse(json);
  if (!parsed.success)
    return {
      config: defaultProbeConfig(),
      saved: false,
      problem: `the saved probe settings are invalid (${parsed.error.issues[0]?.message}); using the defaults`,
    };
  return { config: parsed.data, saved: true, problem: null };
}

/** The configuration in force: saved or default, and never enabled when the operator switched probes off. */
export async function loadProbeConfig(): Promise<StoredProbeConfig> {
  const row = await db.appSetting.findUnique({ where: { key: PROBE_CONFIG_KEY } });
  const stored = readStored(row?.value);
  return probesDisabledByEnv()
    ? { ...stored, config: { ...stored.config, enabled: false } }
    : stored;
}

/** Saves a validated configuration with its audit entry in one transaction. */
export async function saveProbeConfig(actor: AuditActor, config: ProbeConfig): Promise<void> {
  const value = JSON.stringify(probeConfigSchema.parse(config));
  await db.$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key: PROBE_CONFIG_KEY } });
    await tx.appSetting.upsert({
      where: { key: PROBE_CONFIG_KEY },
      create: { key: PROBE_CONFIG_KEY, value },
      update: { value },
    });
    await recordAudit(tx, actor, {
      action: "probes.configure",
      entityType: "probe_config",
      entityId: PROBE_CONFIG_KEY,
      before: before ? readStored(before.value).config : undefined,
      after: JSON.parse(value),
    });
  });
}
