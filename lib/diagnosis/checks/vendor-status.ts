// Was the vendor down or in maintenance when the incident happened?
import type { CheckDefinition } from "../check";

const MARGIN_MS = 5 * 60_000;

export const vendorStatusCheck: CheckDefinition = {
  id: "vendor_status",
  label: "Vendor status at the incident's time",
  causes: ["server_outage"],
  cost: 1,
  async run({ incident, vendor }) {
    const [now, history] = await Promise.all([
      vendor.status(incident.environment),
      vendor.statusHistory(incident.environment),
    ]);
    if (!history.ok) {
      return {
        outcome: "error",
        summary: `Could not read the vendor's status history: ${history.problem}`,
        evidence: { problem: history.problem },
        signals: [],
      };
    }
    const at = incident.occurredAt.getTime();
    const overlapping = history.data.windows.filter(
      (window) =>
        Date.parse(window.startsAt) - MARGIN_MS <= at &&
        Date.parse(window.endsAt) + MARGIN_MS >= at,
    );
    const evidence = {
      statusNow: now.ok ? now.data.status : now.problem,
      windowsAtIncident: overlapping,
      windowsKnown: history.data.windows.length,
    };
    if (overlapping.length) {
      const kinds = [...new Set(overlapping.map((window) => window.kind))].join(" and ");
      return {
        outcome: "fail",
        summary: `The vendor had ${kinds} covering ${overlapping[0]!.scope} at the incident's time.`,
        evidence,
        signals: [
          { cause: "server_outage", weight: 3, why: `status history shows ${kinds} at that time` },
        ],
      };
    }
    return {
      outcome: "pass",
      summary: "No vendor incident or maintenance around the incident's time.",
      evidence,
      signals: [
        { cause: "server_outage", weight: -1, why: "status history is clear at that time" },
      ],
    };
  },
};
