// An endpoint's state from its last results: a fast 503 is a failure, not a healthy answer.
import { describe, expect, it } from "vitest";
import { DEFAULT_PROBE_THRESHOLDS } from "@/lib/probes/config";
import { isProbeFailure, type ProbeResult } from "@/lib/probes/outcome";
import { endpointState } from "@/lib/probes/state";

const ok = (latencyMs = 80): ProbeResult => ({ status: 200, latencyMs, errorKind: null });
const unavailable: ProbeResult = { status: 503, latencyMs: 9, errorKind: null };
const timedOut: ProbeResult = { status: 0, latencyMs: 7500, errorKind: "timeout" };
const limited: ProbeResult = { status: 429, latencyMs: 12, errorKind: null };
const noCredentials: ProbeResult = { status: 0, latencyMs: 0, errorKind: "credentials" };

const stateOf = (results: ProbeResult[]) => endpointState(results, DEFAULT_PROBE_THRESHOLDS);

describe("isProbeFailure", () => {
  it.each([
    ["a 5xx answered in 9 ms", unavailable, true],
    ["a timeout", timedOut, true],
    ["a 404", { status: 404, latencyMs: 10, errorKind: null }, true],
    ["a 2xx whose body is garbage", { status: 200, latencyMs: 10, errorKind: "garbage" }, true],
    ["a 200", ok(), false],
    ["a 429, charted on its own", limited, false],
  ] as const)("%s: %s", (_, result, failed) => {
    expect(isProbeFailure(result)).toBe(failed);
  });
});

describe("endpointState over the last 10 results (oldest first)", () => {
  it("is unknown with no results, or only results that never reached the endpoint", () => {
    expect(stateOf([]).state).toBe("unknown");
    expect(stateOf([noCredentials, noCredentials]).state).toBe("unknown");
  });

  it("is down after two consecutive failures, however fast they were", () => {
    expect(stateOf([...Array(8).fill(ok()), unavailable, unavailable])).toMatchObject({
      state: "down",
      failureShare: 0.2,
    });
    expect(stateOf([ok(), timedOut, timedOut]).state).toBe("down");
  });

  it("is degraded at a 20 % failure share without two in a row, or a p95 over 1,500 ms", () => {
    expect(
      stateOf([unavailable, ...Array(4).fill(ok()), unavailable, ...Array(4).fill(ok())]),
    ).toMatchObject({ state: "degraded", failureShare: 0.2 });
    expect(stateOf([...Array(9).fill(ok()), ok(1_600)]).state).toBe("degraded");
  });

  it("is up when failures are rare and latency is normal; 429s alone do not degrade it", () => {
    expect(stateOf([unavailable, ...Array(9).fill(ok())])).toMatchObject({
      state: "up",
      failureShare: 0.1,
    });
    expect(stateOf([limited, limited, limited, ok()]).state).toBe("up");
  });

  it("reads only the last 10 results", () => {
    expect(stateOf([unavailable, unavailable, unavailable, ...Array(10).fill(ok())]).state).toBe(
      "up",
    );
  });

  it("follows the stored thresholds", () => {
    const strict = { downAfterFailures: 3, degradedFailurePct: 50, degradedP95Ms: 100 };
    expect(endpointState([ok(), unavailable, unavailable], strict).state).toBe("degraded");
    expect(endpointState([ok(150)], strict).state).toBe("degraded");
  });
});
