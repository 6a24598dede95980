import { describe, expect, it } from "vitest";
import { PROBE_ENDPOINT_IDS } from "@/lib/probes/catalogue";
import {
  DEFAULT_PROBE_THRESHOLDS,
  defaultProbeConfig,
  parseProbeConfigForm,
  probeConfigSchema,
  probeEnvProblem,
  probeRetention,
  probeTimeoutMs,
  type ProbeConfig,
} from "@/lib/probes/config";

const valid = (): ProbeConfig => ({
  enabled: true,
  intervalS: 30,
  environments: ["sandbox", "prod"],
  endpoints: { sandbox: ["status", "v1.account"], prod: ["jwks"] },
  tenant: "fleetco",
  account: "ava.active@example.com",
  thresholds: { downAfterFailures: 2, degradedFailurePct: 20, degradedP95Ms: 1_500 },
});

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) data.append(name, item);
  return data;
};

describe("probe config schema", () => {
  it("accepts a valid configuration", () => {
    expect(probeConfigSchema.parse(valid())).toEqual(valid());
  });

  it.each([
    [{ intervalS: 1 }, "intervalS", "at least 2"],
    [{ intervalS: 3601 }, "intervalS", "at most 3600"],
    [{ intervalS: 2.5 }, "intervalS", "whole seconds"],
    [{ environments: ["staging"] }, "environments", "sandbox or prod"],
    [{ environments: ["prod", "prod"] }, "environments", "once"],
    [{ endpoints: { sandbox: ["v1.commands"], prod: [] } }, "endpoints", "must be among"],
    [{ tenant: "Fleet Co" }, "tenant", "tenant id"],
    [{ account: " " }, "account", "required"],
    [
      { thresholds: { ...DEFAULT_PROBE_THRESHOLDS, downAfterFailures: 0 } },
      "thresholds",
      "at least 1",
    ],
    [
      { thresholds: { ...DEFAULT_PROBE_THRESHOLDS, degradedFailurePct: 101 } },
      "thresholds",
      "at most 100",
    ],
  ])("refuses %j, naming %s", (change, field, message) => {
    const result = probeConfigSchema.safeParse({ ...valid(), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path[0]).toBe(field);
    expect(result.error!.issues[0]!.message).toContain(message);
  });
});

it("reads settings saved before the state thresholds existed with the default thresholds", () => {
  const { thresholds: _, ...older } = valid();
  expect(probeConfigSchema.parse(older).thresholds).toEqual({
    downAfterFailures: 2,
    degradedFailurePct: 20,
    degradedP95Ms: 1_500,
  });
});

describe("defaults from the environment", () => {
  it("probes every endpoint of both environments every 30 s as fleetco by default", () => {
    const config = defaultProbeConfig({});
    expect(config).toMatchObject({
      enabled: true,
      intervalS: 30,
      environments: ["sandbox", "prod"],
      tenant: "fleetco",
    });
    expect(config.endpoints.prod).toEqual(PROBE_ENDPOINT_IDS);
  });

  it("takes the interval from PITSTOP_PROBE_INTERVAL_S and is off with PITSTOP_PROBES=off", () => {
    expect(
      defaultProbeConfig({ PITSTOP_PROBE_INTERVAL_S: "2", PITSTOP_PROBES: "off" }),
    ).toMatchObject({ intervalS: 2, enabled: false });
  });

  it("falls back to 30 s on an interval out of bounds and says so", () => {
    const env = { PITSTOP_PROBE_INTERVAL_S: "0.5" };
    expect(defaultProbeConfig(env).intervalS).toBe(30);
    expect(probeEnvProblem(env)).toContain("PITSTOP_PROBE_INTERVAL_S=0.5");
    expect(probeEnvProblem({ PITSTOP_PROBE_INTERVAL_S: "45" })).toBeNull();
  });

  it("reads retention in hours and days, defaulting to 24 h and 30 d", () => {
    expect(probeRetention({})).toEqual({ rawHours: 24, minuteDays: 30 });
    expect(
      probeRetention({
        PITSTOP_PROBE_RAW_RETENTION_H: "6",
        PITSTOP_PROBE_MINUTE_RETENTION_D: "90",
      }),
    ).toEqual({ rawHours: 6, minuteDays: 90 });
    expect(probeRetention({ PITSTOP_PROBE_RAW_RETENTION_H: "soon" })).toEqual({
      rawHours: 24,
      minuteDays: 30,
    });
  });

  it("gives every probe a timeout below its interval, never above 10 s", () => {
    expect(probeTimeoutMs(2_000)).toBeLessThan(2_000);
    expect(probeTimeoutMs(30_000)).toBe(10_000);
  });
});

describe("the config form", () => {
  it("reads checkboxes and text inputs into a configuration", () => {
    const result = parseProbeConfigForm(
      form({
        enabled: "on",
        intervalS: "15",
        environments: ["sandbox"],
        "endpoints.sandbox": ["status", "v1.vehicles"],
        tenant: "drivewise",
        account: "tom.trial@example.com",
        "thresholds.downAfterFailures": "3",
        "thresholds.degradedFailurePct": "25",
        "thresholds.degradedP95Ms": "2000",
      }),
    );
    expect(result).toEqual({
      ok: true,
      config: {
        enabled: true,
        intervalS: 15,
        environments: ["sandbox"],
        endpoints: { sandbox: ["status", "v1.vehicles"], prod: [] },
        tenant: "drivewise",
        account: "tom.trial@example.com",
        thresholds: { downAfterFailures: 3, degradedFailurePct: 25, degradedP95Ms: 2_000 },
      },
    });
  });

  it("names each bad field", () => {
    const result = parseProbeConfigForm(
      form({
        intervalS: "fast",
        environments: ["moon"],
        "endpoints.prod": ["nope"],
        tenant: "",
        account: "",
        "thresholds.downAfterFailures": "2",
        "thresholds.degradedFailurePct": "half",
        "thresholds.degradedP95Ms": "1500",
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      "account",
      "endpoints.prod",
      "environments",
      "intervalS",
      "tenant",
      "thresholds.degradedFailurePct",
    ]);
    expect(result.errors.intervalS).toContain("number of seconds");
  });
});
