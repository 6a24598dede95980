import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { defaultProbeConfig, PROBE_CONFIG_KEY, type ProbeConfig } from "@/lib/probes/config";
import { loadProbeConfig, saveProbeConfig } from "@/lib/probes/config-store";

const actor = { kind: "user" as const, id: "user-sre", label: "Sam Rivera" };
const chosen: ProbeConfig = {
  enabled: true,
  intervalS: 10,
  environments: ["prod"],
  endpoints: { sandbox: [], prod: ["status", "v1.account"] },
  tenant: "drivewise",
  account: "tom.trial@example.com",
  thresholds: { downAfterFailures: 3, degradedFailurePct: 25, degradedP95Ms: 2_000 },
};

beforeEach(async () => {
  await db.appSetting.deleteMany({ where: { key: PROBE_CONFIG_KEY } });
  await db.auditEvent.deleteMany({ where: { action: "probes.configure" } });
});

afterEach(() => {
  delete process.env.PITSTOP_PROBES;
});

describe("saved probe settings", () => {
  it("are the defaults until someone saves", async () => {
    expect(await loadProbeConfig()).toEqual({
      config: defaultProbeConfig(),
      saved: false,
      problem: null,
    });
  });

  it("round-trip, with an audit entry holding before and after", async () => {
    await saveProbeConfig(actor, chosen);
    await saveProbeConfig(actor, { ...chosen, intervalS: 20 });
    expect(await loadProbeConfig()).toEqual({
      config: { ...chosen, intervalS: 20 },
      saved: true,
      problem: null,
    });
    const entries = await db.auditEvent.findMany({
      where: { action: "probes.configure" },
      orderBy: { id: "asc" },
    });
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      actorId: "user-sre",
      entityType: "probe_config",
      before: null,
    });
    expect(JSON.parse(entries[1]!.before!)).toMatchObject({ intervalS: 10 });
    expect(JSON.parse(entries[1]!.after!)).toMatchObject({ intervalS: 20 });
  });

  it("refuse an invalid configuration without writing or auditing", async () => {
    await expect(saveProbeConfig(actor, { ...chosen, intervalS: 1 })).rejects.toThrow();
    expect(await db.appSetting.count({ where: { key: PROBE_CONFIG_KEY } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "probes.configure" } })).toBe(0);
  });

  it("fall back to the defaults, saying why, when the stored row no longer parses", async () => {
    await db.appSetting.create({
      data: { key: PROBE_CONFIG_KEY, value: JSON.stringify({ ...chosen, intervalS: "often" }) },
    });
    const loaded = await loadProbeConfig();
    expect(loaded.config).toEqual(defaultProbeConfig());
    expect(loaded.problem).toContain("invalid");
  });

  it("stay off whatever was saved when the operator set PITSTOP_PROBES=off", async () => {
    await saveProbeConfig(actor, chosen);
    process.env.PITSTOP_PROBES = "off";
    expect((await loadProbeConfig()).config).toEqual({ ...chosen, enabled: false });
  });
});
