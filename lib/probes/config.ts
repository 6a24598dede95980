// What the probes do: whether they run, how often, which endpoints per environment, and whose
// credentials they use. Defaults come from the environment; an SRE's saved choice (AppSetting
// "probes.config") wins over them, except that PITSTOP_PROBES=off always keeps probes off.
import { z } from "zod";
import { ENVIRONMENTS, environmentSchema } from "@/lib/incidents/schema";
import { PROBE_ENDPOINT_IDS } from "./catalogue";
import type { ProbeThresholds } from "./state";

export const PROBE_CONFIG_KEY = "probes.config";
export const INTERVAL_BOUNDS_S = { min: 2, max: 3600 } as const;
export const DEFAULT_INTERVAL_S = 30;

const endpointList = z
  .array(
    z.enum(PROBE_ENDPOINT_IDS, {
      error: `endpoints must be among ${PROBE_ENDPOINT_IDS.join(", ")}`,
    }),
  )
  .refine((ids) => new Set(ids).size === ids.length, "each endpoint may be listed once");

export const DEFAULT_PROBE_THRESHOLDS: ProbeThresholds = {
  downAfterFailures: 2,
  degradedFailurePct: 20,
  degradedP95Ms: 1_500,
};

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

// Settings saved before the thresholds existed parse with the defaults.
const thresholdsSchema = z
  .object({
    downAfterFailures: wholeNumber("failures in a row before down", 1, 10),
    degradedFailurePct: wholeNumber("failure share for degraded", 1, 100),
    degradedP95Ms: wholeNumber("p95 latency for degraded", 1, 600_000),
  })
  .default(DEFAULT_PROBE_THRESHOLDS);

export const probeConfigSchema = z.object({
  enabled: z.boolean(),
  intervalS: z
    .number({ error: "interval must be a number of seconds" })
    .int("interval must be whole seconds")
    .min(INTERVAL_BOUNDS_S.min, `interval must be at least ${INTERVAL_BOUNDS_S.min} s`)
    .max(INTERVAL_BOUNDS_S.max, `interval must be at most ${INTERVAL_BOUNDS_S.max} s`),
  environments: z
    .array(environmentSchema)
    .refine((envs) => new Set(envs).size === envs.length, "each environment may be listed once"),
  endpoints: z.object({ sandbox: endpointList, prod: endpointList }),
  tenant: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9_-]{0,62}$/,
      "tenant must be a tenant id such as fleetco (lowercase letters, digits, - and _)",
    ),
  account: z
    .string()
    .trim()
    .min(1, "account is required (an account id or email)")
    .max(200, "account must be at most 200 characters"),
  thresholds: thresholdsSchema,
});
export type ProbeConfig = z.infer<typeof probeConfigSchema>;

type Env = Record<string, string | undefined>;

const envInterval = z.coerce.number().int().min(INTERVAL_BOUNDS_S.min).max(INTERVAL_BOUNDS_S.max);

/** PITSTOP_PROBES=off is the operator's switch: no saved setting can turn probes back on. */
export const probesDisabledByEnv = (env: Env = process.env) =>
  env.PITSTOP_PROBES?.trim().toLowerCase() === "off";

export function defaultProbeConfig(env: Env = process.env): ProbeConfig {
  const interval = envInterval.safeParse(env.PITSTOP_PROBE_INTERVAL_S ?? DEFAULT_INTERVAL_S);
  return {
    enabled: !probesDisabledByEnv(env),
    intervalS: interval.success ? interval.data : DEFAULT_INTERVAL_S,
    environments: [...ENVIRONMENTS],
    endpoints: { sandbox: [...PROBE_ENDPOINT_IDS], prod: [...PROBE_ENDPOINT_IDS] },
    tenant: "fleetco",
    account: "ava.active@example.com",
    thresholds: { ...DEFAULT_PROBE_THRESHOLDS },
  };
}

/** A problem with the environment's probe settings worth telling an operator, or null. */
export function probeEnvProblem(env: Env = process.env): string | null {
  if (
    env.PITSTOP_PROBE_INTERVAL_S === undefined ||
    envInterval.safeParse(env.PITSTOP_PROBE_INTERVAL_S).success
  )
    return null;
  return `PITSTOP_PROBE_INTERVAL_S=${env.PITSTOP_PROBE_INTERVAL_S} is not a whole number of seconds in ${INTERVAL_BOUNDS_S.min}..${INTERVAL_BOUNDS_S.max}; using ${DEFAULT_INTERVAL_S} s`;
}

const retentionSchema = z.object({
  rawHours: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
  minuteDays: z.coerce.number().positive().max(3650).default(30),
});
export type ProbeRetention = z.infer<typeof retentionSchema>;

/** How long raw samples and per-minute roll-ups are kept (defaults when the env is unset or unreadable). */
export function probeRetention(env: Env = process.env): ProbeRetention {
  const parsed = retentionSchema.safeParse({
    rawHours: env.PITSTOP_PROBE_RAW_RETENTION_H || undefined,
    minuteDays: env.PITSTOP_PROBE_MINUTE_RETENTION_D || undefined,
  });
  return parsed.success ? parsed.data : retentionSchema.parse({});
}

/** A probe must give up before the next cycle is due, and never wait more than 10 s. */
export const probeTimeoutMs = (intervalMs: number) =>
  Math.min(10_000, Math.floor(intervalMs * 0.75));

const checked = (form: FormData, name: string) => form.getAll(name).map(String);

/** The form's fields as typed, so a refused submission shows what was sent. */
export type ProbeConfigFormValues = {
  enabled: boolean;
  intervalS: string;
  environments: string[];
  endpoints: { sandbox: string[]; prod: string[] };
  tenant: string;
  account: string;
  thresholds: Record<keyof ProbeThresholds, string>;
};

export const probeConfigFormValues = (config: ProbeConfig): ProbeConfigFormValues => ({
  ...config,
  intervalS: String(config.intervalS),
  thresholds: {
    downAfterFailures: String(config.thresholds.downAfterFailures),
    degradedFailurePct: String(config.thresholds.degradedFailurePct),
    degradedP95Ms: String(config.thresholds.degradedP95Ms),
  },
});

export function submittedProbeConfigValues(form: FormData): ProbeConfigFormValues {
  return {
    enabled: form.get("enabled") === "on",
    intervalS: String(form.get("intervalS") ?? ""),
    environments: checked(form, "environments"),
    endpoints: {
      sandbox: checked(form, "endpoints.sandbox"),
      prod: checked(form, "endpoints.prod"),
    },
    tenant: String(form.get("tenant") ?? ""),
    account: String(form.get("account") ?? ""),
    thresholds: {
      downAfterFailures: String(form.get("thresholds.downAfterFailures") ?? ""),
      degradedFailurePct: String(form.get("thresholds.degradedFailurePct") ?? ""),
      degradedP95Ms: String(form.get("thresholds.degradedP95Ms") ?? ""),
    },
  };
}

const numberOrMissing = (text: string) => (text.trim() === "" ? undefined : Number(text.trim()));

/** Reads the config form (checkboxes and text inputs) into the schema's shape, field errors by name. */
export function parseProbeConfigForm(
  form: FormData,
): { ok: true; config: ProbeConfig } | { ok: false; errors: Record<string, string> } {
  const values = submittedProbeConfigValues(form);
  const parsed = probeConfigSchema.safeParse({
    ...values,
    intervalS: numberOrMissing(values.intervalS),
    thresholds: {
      downAfterFailures: numberOrMissing(values.thresholds.downAfterFailures),
      degradedFailurePct: numberOrMissing(values.thresholds.degradedFailurePct),
      degradedP95Ms: numberOrMissing(values.thresholds.degradedP95Ms),
    },
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    errors[issue.path.filter((part) => typeof part === "string").join(".")] ??= issue.message;
  return { ok: false, errors };
}
