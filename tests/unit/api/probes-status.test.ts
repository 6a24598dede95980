// GET /api/v1/probes/status (DESIGN.md, a contract): each probed endpoint's state over its last 10 results.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getStatus } from "@/app/api/v1/probes/status/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { PROBE_CONFIG_KEY } from "@/lib/probes/config";
import { recordProbeSamples } from "@/lib/probes/store";
import type { ProbeSampleInput } from "@/lib/probes/probe";

const system = { kind: "system", label: "probe status test" } as const;

const sample = (
  endpoint: string,
  secondsAgo: number,
  overrides: Partial<ProbeSampleInput> = {},
): ProbeSampleInput => ({
  environment: "prod",
  endpoint,
  sentAt: new Date(Date.now() - secondsAgo * 1000),
  status: 200,
  latencyMs: 40,
  correlationId: `c-${endpoint}-${secondsAgo}`,
  rateLimitLimit: null,
  rateLimitRemaining: null,
  rateLimitReset: null,
  retryAfterS: null,
  errorKind: null,
  ...overrides,
});

async function get(role: "manager" | "sre" | null) {
  const token = role
    ? (await createApiToken({ name: `status-${role}`, role }, system)).token
    : "not-a-token";
  return getStatus(
    new Request("http://pitstop.test/api/v1/probes/status", {
      headers: { authorization: `Bearer ${token}` },
    }),
  );
}

beforeEach(async () => {
  await db.probeSample.deleteMany();
  await db.probeStateChange.deleteMany();
  // The states use the saved thresholds; start from the defaults whatever another file saved.
  await db.appSetting.deleteMany({ where: { key: PROBE_CONFIG_KEY } });
});

describe("GET /api/v1/probes/status", () => {
  it("says down for an endpoint whose last answers were fast 503s, up for a healthy one", async () => {
    await recordProbeSamples([
      ...[40, 30, 20].map((s) => sample("status", s)),
      sample("v1.account", 40),
      sample("v1.account", 30, { status: 503, latencyMs: 8 }),
      sample("v1.account", 20, { status: 503, latencyMs: 9 }),
    ]);
    const response = await get("manager");
    expect(response.status).toBe(200);
    const { endpoints } = (await response.json()) as { endpoints: Record<string, unknown>[] };
    const prod = Object.fromEntries(
      endpoints.filter((row) => row.environment === "prod").map((row) => [row.endpoint, row]),
    );
    expect(prod["v1.account"]).toMatchObject({
      state: "down",
      lastStatus: 503,
      lastLatencyMs: 9,
      failureShare: 2 / 3,
    });
    expect(prod["status"]).toMatchObject({ state: "up", lastStatus: 200, failureShare: 0 });
    expect(prod["jwks"]).toMatchObject({ state: "unknown", lastStatus: null, since: null });
    expect(Object.keys(prod["status"]!).sort()).toEqual(
      [
        "endpoint",
        "environment",
        "failureShare",
        "lastLatencyMs",
        "lastStatus",
        "since",
        "state",
      ].sort(),
    );
  });

  it("refuses an unknown token", async () => {
    expect((await get(null)).status).toBe(401);
  });
});
