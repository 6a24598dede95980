import { describe, expect, it } from "vitest";
import type { CauseSignal, CheckResult } from "@/lib/diagnosis/check";
import { classifyError } from "@/lib/diagnosis/classifier";
import { rankCauses } from "@/lib/diagnosis/rank-causes";
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";

const checkResult = (
  checkId: string,
  signals: CauseSignal[],
  outcome: CheckResult["outcome"] = "fail",
): CheckResult => ({
  checkId,
  label: checkId,
  causes: [...new Set(signals.map((signal) => signal.cause))],
  durationMs: 1,
  outcome,
  summary: checkId,
  evidence: {},
  signals,
});

const confidenceOf = (diagnosis: ReturnType<typeof rankCauses>, cause: CauseId) =>
  diagnosis.ranked.find((entry) => entry.cause === cause)!.confidence;

// What the request-trace check reports when the vendor's log holds the failing request with
// the vendor's own error code for it.
const traceShowing = (code: string, cause: CauseId): CheckResult =>
  checkResult("request_trace", [
    { cause: "phone_network", weight: -3, why: "the request reached the vendor" },
    { cause, weight: 3, why: `the vendor answered 403 ${code}`, proves: true },
  ]);

describe("rankCauses weighs check evidence that proves a cause over a vague prior", () => {
  it("ranks region first when the text says nothing and the trace shows FEATURE_NOT_AVAILABLE_IN_REGION", () => {
    const prior = classifyError({ errorString: "Something went wrong" }).causes;
    const diagnosis = rankCauses(prior, [
      traceShowing("FEATURE_NOT_AVAILABLE_IN_REGION", "region_unavailable"),
      checkResult("vendor_status", [
        {
          cause: "server_outage",
          weight: 3,
          why: "status history shows degraded at that time",
        },
      ]),
    ]);
    expect(diagnosis.ranked[0]!.cause).toBe("region_unavailable");
    expect(
      confidenceOf(diagnosis, "region_unavailable") - confidenceOf(diagnosis, "server_outage"),
    ).toBeGreaterThan(0.3);
  });

  it("lets a flat prior add nothing, so checks alone decide", () => {
    const flat = CAUSE_IDS.map((cause) => ({ cause, confidence: 1 / CAUSE_IDS.length }));
    const results = [checkResult("rate_limit", [{ cause: "rate_limited", weight: 2, why: "429" }])];
    const withFlat = rankCauses(flat, results);
    const leaning = flat.map((entry) => ({
      ...entry,
      confidence: entry.cause === "server_outage" ? 0.12 : 0.88 / 9,
    }));
    expect(confidenceOf(rankCauses(leaning, results), "rate_limited")).toBeCloseTo(
      confidenceOf(withFlat, "rate_limited"),
      1,
    );
  });

  it("still lets a confident prior lead when the checks say nothing", () => {
    const prior = classifyError({ errorString: "HTTP 429 Too Many Requests" }).causes;
    const diagnosis = rankCauses(prior, [checkResult("vehicle", [], "pass")]);
    expect(diagnosis.ranked[0]!.cause).toBe("rate_limited");
    expect(diagnosis.ranked[0]!.confidence).toBeGreaterThan(0.5);
  });

  it("keeps a proving check ahead of a confident but contrary prior", () => {
    const prior = classifyError({ errorString: "Internal Server Error" }).causes;
    const diagnosis = rankCauses(prior, [
      traceShowing("SUBSCRIPTION_INACTIVE", "subscription_inactive"),
    ]);
    expect(diagnosis.ranked[0]!.cause).toBe("subscription_inactive");
  });
});
