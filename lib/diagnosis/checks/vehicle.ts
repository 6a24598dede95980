// The vehicle as the vendor sees it: its subscription, its links to accounts, its telematics
// unit's reachability, and what its market offers. One console lookup, four checks.
import { skip, type CheckContext, type CheckDefinition, type CheckFinding } from "../check";
import type { VendorVehicle } from "../vendor-gateway";

// The four vehicle checks share one lookup; an unknown VIN is one piece of evidence, so only
// the link check counts it and the others skip instead of counting it again.
async function withVehicle(
  context: CheckContext,
  decide: (vehicle: VendorVehicle) => CheckFinding,
  { countsUnknownVin = false } = {},
): Promise<CheckFinding> {
  const { incident, vendor } = context;
  if (!incident.vin) return skip("The incident names no VIN.");
  const vehicle = await vendor.vehicle(
    incident.environment,
    incident.vin,
    incident.accountRef,
    incident.tenant,
  );
  if (!vehicle.ok) {
    if (/VIN_NOT_FOUND|404/.test(vehicle.problem)) {
      if (!countsUnknownVin)
        return skip(`The vendor knows no vehicle with VIN ${incident.vin} (see the link check).`);
      return {
        outcome: "fail",
        summary: `The vendor knows no vehicle with VIN ${incident.vin}.`,
        evidence: { problem: vehicle.problem },
        signals: [
          {
            cause: "vehicle_not_linked",
            weight: 2.5,
            why: "the VIN is unknown to the vendor (typo or wrong environment)",
          },
        ],
      };
    }
    return {
      outcome: "error",
      summary: `Could not read the vehicle from the vendor: ${vehicle.problem}`,
      evidence: { problem: vehicle.problem },
      signals: [],
    };
  }
  return decide(vehicle.data);
}

export const subscriptionCheck: CheckDefinition = {
  id: "subscription",
  label: "Connected Services subscription",
  causes: ["subscription_inactive"],
  cost: 2,
  run: (context) =>
    withVehicle(context, ({ subscription }) => {
      const live = subscription.status === "active" || subscription.status === "trial";
      return live
        ? {
            outcome: "pass",
            summary: `The subscription is ${subscription.status}.`,
            evidence: { subscription },
            signals: [
              {
                cause: "subscription_inactive",
                weight: -2,
                why: `subscription is ${subscription.status}`,
              },
            ],
          }
        : {
            outcome: "fail",
            summary: `The subscription is ${subscription.status}${subscription.expiresAt ? ` (since ${subscription.expiresAt})` : ""}.`,
            evidence: { subscription },
            signals: [
              {
                cause: "subscription_inactive",
                weight: 3.5,
                why: `the vendor shows the subscription ${subscription.status}`,
              },
            ],
          };
    }),
};

export const vehicleLinkCheck: CheckDefinition = {
  id: "vehicle_link",
  label: "Vehicle linked to the account",
  causes: ["vehicle_not_linked"],
  cost: 2,
  async run(context) {
    if (!context.incident.accountRef)
      return skip("The incident names no account to look for among the vehicle's links.");
    return withVehicle(
      context,
      ({ links, accountLink }) => {
        const evidence = { links, accountLink };
        if (accountLink?.linked && accountLink.role === "primary") {
          return {
            outcome: "pass",
            summary: "The vehicle is linked to the account as primary driver.",
            evidence,
            signals: [{ cause: "vehicle_not_linked", weight: -2, why: "linked as primary" }],
          };
        }
        if (accountLink?.linked) {
          return {
            outcome: "warn",
            summary: "The account is only a secondary driver of this vehicle.",
            evidence,
            signals: [
              {
                cause: "vehicle_not_linked",
                weight: 2,
                why: "secondary drivers may not send every command",
              },
            ],
          };
        }
        const reason = accountLink?.reason ?? "unlinked";
        return {
          outcome: "fail",
          summary: `The vehicle is not linked to the account (${reason.replace(/_/g, " ")}).`,
          evidence,
          signals: [
            {
              cause: "vehicle_not_linked",
              weight: 3.5,
              why: `the vendor shows ${reason.replace(/_/g, " ")}`,
            },
          ],
        };
      },
      { countsUnknownVin: true },
    );
  },
};

const HOUR_MS = 3_600_000;

export const connectivityCheck: CheckDefinition = {
  id: "vehicle_connectivity",
  label: "Telematics reachability and signal",
  causes: ["vehicle_connectivity"],
  cost: 2,
  run: (context) =>
    withVehicle(context, ({ telematics }) => {
      const silentMs = context.incident.occurredAt.getTime() - Date.parse(telematics.lastSeenAt);
      const evidence = { telematics, silentForMinutes: Math.round(silentMs / 60_000) };
      if (telematics.reachability === "online" && silentMs < HOUR_MS) {
        return {
          outcome: "pass",
          summary: `The telematics unit is online with ${telematics.signalBars} bars.`,
          evidence,
          signals: [
            { cause: "vehicle_connectivity", weight: -2, why: "unit online and recently seen" },
          ],
        };
      }
      const weight = telematics.reachability === "asleep" ? 2 : 3.5;
      const state =
        telematics.reachability === "weak_signal" ? "on a weak signal" : telematics.reachability;
      return {
        outcome: "fail",
        summary: `The telematics unit is ${state}, last seen ${telematics.lastSeenAt}.`,
        evidence,
        signals: [{ cause: "vehicle_connectivity", weight, why: `the unit is ${state}` }],
      };
    }),
};

export const regionCheck: CheckDefinition = {
  id: "region",
  label: "Feature offered in the vehicle's market",
  causes: ["region_unavailable"],
  cost: 2,
  run: (context) =>
    withVehicle(context, ({ market, features }) => {
      const missing = features
        .filter((feature) => !feature.available)
        .map((feature) => feature.feature);
      const evidence = { market, features };
      const remote = /start|engine|remote|climate/i.test(context.incident.errorString);
      if (missing.length === 0) {
        return {
          outcome: "pass",
          summary: `Every remote feature is offered in the ${market} market.`,
          evidence,
          signals: [{ cause: "region_unavailable", weight: -2, why: "all features offered" }],
        };
      }
      return {
        outcome: "warn",
        summary: `The ${market} market does not offer ${missing.join(", ")}.`,
        evidence,
        signals: [
          {
            cause: "region_unavailable",
            weight: remote ? 2 : 1,
            why: `${missing.join(", ")} not offered in ${market}`,
          },
        ],
      };
    }),
};
