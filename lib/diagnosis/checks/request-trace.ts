// Did the failing call reach the vendor, and what did the vendor answer? The request log is
// searched by the incident's correlation id.
import type { CauseSignal, CheckDefinition } from "../check";
import { causeOfStatus, VENDOR_CODE_CAUSES } from "../vendor-codes";

export const requestTraceCheck: CheckDefinition = {
  id: "request_trace",
  label: "Request trace by correlation id",
  causes: [
    "phone_network",
    "server_outage",
    "rate_limited",
    "account_auth",
    "missing_scope",
    "subscription_inactive",
    "vehicle_not_linked",
    "app_version",
    "region_unavailable",
  ],
  cost: 1,
  async run({ incident, vendor }) {
    const trace = await vendor.requestTrace(incident.environment, incident.correlationId);
    if (!trace.ok)
      return {
        outcome: "error",
        summary: `Could not search the vendor's request log: ${trace.problem}`,
        evidence: { problem: trace.problem },
        signals: [],
      };
    const requests = trace.data.requests;
    if (requests.length === 0) {
      return {
        outcome: "fail",
        summary: `No request with correlation id ${incident.correlationId} reached the vendor.`,
        evidence: { correlationId: incident.correlationId, requests },
        signals: [
          { cause: "phone_network", weight: 2.5, why: "the vendor never saw the request" },
          {
            cause: "server_outage",
            weight: 0.3,
            why: "an edge outage can also drop requests before they are logged",
          },
        ],
      };
    }
    const failing = requests.find((request) => request.status >= 400) ?? requests[0]!;
    const signals: CauseSignal[] = [
      { cause: "phone_network", weight: -3, why: "the request reached the vendor" },
    ];
    const coded = failing.errorCode ? VENDOR_CODE_CAUSES[failing.errorCode] : undefined;
    const byStatus = causeOfStatus(failing.status);
    if (coded)
      signals.push({
        cause: coded,
        weight: 3,
        why: `the vendor answered ${failing.status} ${failing.errorCode}`,
        proves: true,
      });
    else if (byStatus)
      signals.push({ cause: byStatus, weight: 2, why: `the vendor answered ${failing.status}` });
    const evidence = { correlationId: incident.correlationId, requests };
    if (failing.status < 400) {
      return {
        outcome: "pass",
        summary: `The vendor received ${failing.method} ${failing.path} and answered ${failing.status}.`,
        evidence,
        signals,
      };
    }
    return {
      outcome: "fail",
      summary: `The vendor answered ${failing.method} ${failing.path} with ${failing.status}${failing.errorCode ? ` ${failing.errorCode}` : ""}.`,
      evidence,
      signals,
    };
  },
};
