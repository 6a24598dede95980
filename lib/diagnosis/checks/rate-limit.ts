// Rate-limit headroom: the client's quota and its use now, and any 429 in the trace.
import type { CheckDefinition } from "../check";

export const rateLimitCheck: CheckDefinition = {
  id: "rate_limit",
  label: "Rate-limit headroom",
  causes: ["rate_limited"],
  cost: 1,
  async run({ incident, vendor }) {
    const [quota, trace] = await Promise.all([
      vendor.quota(incident.environment),
      vendor.requestTrace(incident.environment, incident.correlationId),
    ]);
    if (!quota.ok)
      return {
        outcome: "error",
        summary: `Could not read quota use: ${quota.problem}`,
        evidence: { problem: quota.problem },
        signals: [],
      };
    const mine = quota.data.quotas.find((entry) => entry.tenant === incident.tenant);
    const throttled = trace.ok
      ? trace.data.requests.filter((request) => request.status === 429)
      : [];
    const evidence = {
      quota: mine ?? null,
      throttledRequests: throttled.map((request) => ({
        at: request.at,
        path: request.path,
        headers: request.responseHeaders,
      })),
    };
    if (throttled.length || mine?.limitedByFault) {
      const why = throttled.length
        ? `${throttled.length} request(s) with this correlation id got 429`
        : `the client's limit was lowered to ${mine!.keyRateLimit.limit}/${mine!.keyRateLimit.windowS}s`;
      return {
        outcome: "fail",
        summary: `Rate limited: ${why}.`,
        evidence,
        signals: [{ cause: "rate_limited", weight: throttled.length ? 3 : 2, why }],
      };
    }
    return {
      outcome: "pass",
      summary: mine
        ? `Limit ${mine.keyRateLimit.limit} per ${mine.keyRateLimit.windowS}s, ${mine.usedInCurrentWindow} used now.`
        : "No quota record for this client.",
      evidence,
      signals: [{ cause: "rate_limited", weight: -1, why: "no 429 and quota has headroom" }],
    };
  },
};
