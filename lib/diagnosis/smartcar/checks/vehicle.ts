// The vehicle through a Smartcar connection: on the owner's account at all (its VIN among the
// account's vehicles), with the permissions the failing call needs, compatible with the
// endpoint where it is sold, and reachable now (a cheap read: asleep or not).
import {
  skip,
  type CauseSignal,
  type CheckDefinition,
  type SmartcarCheckContext,
} from "../../check";
import { permissionFor } from "../permissions";
import { codeSignal, failingCallOf, unreadable, vehicleIdOf } from "./shared";

// The incident records no market, and compatibility answers per country: asking in one country
// of each market Smartcar serves tells "not offered where this car is sold" from "not offered
// anywhere", without guessing the owner's country.
export const COMPATIBILITY_COUNTRIES = ["US", "CA", "DE", "JP", "AU"] as const;
const SMARTCAR_PERMISSION = /^(read|control)_[a-z_]+$/;

/** The permissions the failing call needs, else those the app asked for at Connect. */
async function neededPermissions(context: SmartcarCheckContext) {
  const call = await failingCallOf(context);
  const needed = call ? permissionFor(call.method, call.path) : null;
  return {
    call,
    needed: needed ? [needed] : [],
    requested: context.incident.scopes.filter((scope) => SMARTCAR_PERMISSION.test(scope)),
  };
}

export const smartcarVehicleLinkCheck: CheckDefinition<SmartcarCheckContext> = {
  id: "vehicle_link",
  label: "Vehicle on the owner's account",
  causes: ["vehicle_not_linked"],
  cost: 2,
  async run({ incident, smartcar }) {
    if (!incident.vin) return skip("The incident names no VIN.");
    if (!incident.accountRef)
      return skip("The incident names no account to look the vehicle up on.");
    const found = await smartcar.vehicleByVin(incident.accountRef, incident.vin);
    if (!found.ok) {
      const signal = codeSignal(found.error, 2.5, "GET /v2.0/vehicles");
      return signal
        ? {
            outcome: "fail",
            summary: `Could not list the account's vehicles: ${found.problem}.`,
            evidence: { problem: found.problem, exchange: found.exchange },
            signals: [signal],
          }
        : unreadable("the account's vehicles", found);
    }
    const evidence = { vin: incident.vin, vehicles: found.data.vehicles };
    const vehicleId = found.data.vehicleId;
    if (vehicleId) {
      // Connected to the app is not the same as on the owner's account with the make: a sold
      // or removed car stays in the list until the owner disconnects it. The make says which.
      const read = await smartcar.attributes(incident.accountRef, vehicleId);
      const coded = read.ok ? null : codeSignal(read.error, 3.5, `GET /v2.0/vehicles/${vehicleId}`);
      if (coded?.cause === "vehicle_not_linked")
        return {
          outcome: "fail",
          summary: `The vehicle is connected to the app, but the make no longer has it on the owner's account: ${read.ok ? "" : read.problem}.`,
          evidence: { ...evidence, vehicleId, exchange: read.exchange },
          signals: [coded],
        };
      return {
        outcome: "pass",
        summary: `The account holds the vehicle (Smartcar id ${vehicleId}).`,
        evidence: { ...evidence, vehicleId },
        signals: [{ cause: "vehicle_not_linked", weight: -2, why: "the VIN is on the account" }],
      };
    }
    const missing = found.data.vehicles.filter((vehicle) => vehicle.problem);
    const coded = await Promise.all(
      missing.map(async ({ id }) => {
        const read = await smartcar.vin(incident.accountRef, id);
        return read.ok ? null : codeSignal(read.error, 3, `GET /v2.0/vehicles/${id}/vin`);
      }),
    );
    const signals: CauseSignal[] = coded.filter((signal) => signal !== null);
    signals.push({
      cause: "vehicle_not_linked",
      weight: 3.5,
      why: `VIN ${incident.vin} is not among the ${found.data.vehicles.length} vehicle(s) on the account`,
    });
    return {
      outcome: "fail",
      summary: `VIN ${incident.vin} is not on the account: it holds ${
        found.data.vehicles
          .map((vehicle) => vehicle.vin ?? `${vehicle.id} (VIN unreadable)`)
          .join(", ") || "no vehicle"
      }.`,
      evidence,
      signals,
    };
  },
};

export const smartcarPermissionsCheck: CheckDefinition<SmartcarCheckContext> = {
  id: "permissions",
  label: "Granted permissions against the failing call",
  causes: ["missing_scope"],
  cost: 3,
  async run(context) {
    const { incident, smartcar } = context;
    const { vehicleId, problem } = await vehicleIdOf(context);
    if (!vehicleId) return skip(`Cannot read the vehicle's permissions: ${problem}.`);
    const [granted, { call, needed, requested }] = await Promise.all([
      smartcar.permissions(incident.accountRef, vehicleId),
      neededPermissions(context),
    ]);
    if (!granted.ok) {
      const signal = codeSignal(granted.error, 2, `GET /v2.0/vehicles/${vehicleId}/permissions`);
      return signal
        ? {
            outcome: "fail",
            summary: `Could not read the granted permissions: ${granted.problem}.`,
            evidence: { problem: granted.problem, exchange: granted.exchange },
            signals: [signal],
          }
        : unreadable("the granted permissions", granted);
    }
    const has = new Set(granted.data.permissions);
    const missingNeeded = needed.filter((permission) => !has.has(permission));
    const missingRequested = requested.filter((permission) => !has.has(permission));
    const evidence = {
      granted: granted.data.permissions,
      failingCall: call ? `${call.method} ${call.path}` : null,
      needed,
      requested,
    };
    const signals: CauseSignal[] = [];
    if (missingNeeded.length)
      signals.push({
        cause: "missing_scope",
        weight: 3.5,
        why: `the owner did not grant ${missingNeeded.join(", ")}, which ${call!.method} ${call!.path} needs`,
      });
    else if (missingRequested.length)
      signals.push({
        cause: "missing_scope",
        weight: 2,
        why: `the app asked for ${missingRequested.join(", ")} but the connection does not hold it`,
      });
    if (signals.length)
      return {
        outcome: "fail",
        summary: `Missing permission: ${signals[0]!.why}.`,
        evidence,
        signals,
      };
    return {
      outcome: "pass",
      summary: needed.length
        ? `The connection holds ${needed.join(", ")}, which the failing call needs.`
        : `The connection holds every permission the app asked for (${requested.join(", ") || "none named"}).`,
      evidence,
      signals:
        needed.length || requested.length
          ? [{ cause: "missing_scope", weight: -1.5, why: "every needed permission is granted" }]
          : [],
    };
  },
};

export const smartcarCompatibilityCheck: CheckDefinition<SmartcarCheckContext> = {
  id: "region",
  label: "Compatibility (VIN, permission, country)",
  causes: ["region_unavailable"],
  cost: 2,
  async run(context) {
    const { incident, smartcar } = context;
    if (!incident.vin) return skip("The incident names no VIN to ask about.");
    const { call, needed, requested } = await neededPermissions(context);
    const scopes = needed.length ? needed : requested;
    if (scopes.length === 0)
      return skip(
        "Neither the failing call nor the incident's scopes name a Smartcar permission to ask about.",
      );
    const answers = await Promise.all(
      COMPATIBILITY_COUNTRIES.map(async (country) => ({
        country,
        looked: await smartcar.compatibility(incident.vin!, scopes, country),
      })),
    );
    const read = answers.flatMap(({ country, looked }) =>
      looked.ok ? [{ country, answer: looked.data }] : [],
    );
    if (read.length === 0) {
      const first = answers[0]!.looked;
      // Compatibility is asked with the connection's own client id and secret: a refusal is
      // Pitstop's configuration, never the owner's login.
      if (!first.ok && first.error?.type === "AUTHENTICATION")
        return {
          outcome: "error",
          summary: `The connection's client id or secret was refused by GET /v2.0/compatibility: ${first.problem}.`,
          evidence: { problem: first.problem, exchange: first.exchange },
          signals: [],
        };
      const signal = first.ok ? null : codeSignal(first.error, 2.5, "GET /v2.0/compatibility");
      return signal && !first.ok
        ? {
            outcome: "fail",
            summary: `Compatibility answered ${first.problem}.`,
            evidence: { problem: first.problem, exchange: first.exchange },
            signals: [signal],
          }
        : unreadable("compatibility", first);
    }
    const offeredIn = read.filter(
      ({ answer }) =>
        answer.compatible &&
        scopes.every(
          (permission) =>
            answer.capabilities?.find((capability) => capability.permission === permission)
              ?.capable ?? true,
        ),
    );
    const evidence = {
      vin: incident.vin,
      scopes,
      failingCall: call ? `${call.method} ${call.path}` : null,
      answers: read.map(({ country, answer }) => ({ country, ...answer })),
    };
    if (offeredIn.length === 0) {
      const reasons = [
        ...new Set(
          read.flatMap(({ answer }) => [
            answer.reason,
            ...(answer.capabilities ?? []).map((capability) => capability.reason),
          ]),
        ),
      ].filter(Boolean);
      return {
        outcome: "fail",
        summary: `Smartcar offers ${scopes.join(", ")} for this vehicle in none of ${read.map(({ country }) => country).join(", ")}${reasons.length ? ` (${reasons.join(", ")})` : ""}.`,
        evidence,
        signals: [
          {
            cause: "region_unavailable",
            weight: 3.5,
            why: `the compatibility endpoint offers ${scopes.join(", ")} for this VIN in no market asked`,
          },
        ],
      };
    }
    const countries = offeredIn.map(({ country }) => country).join(", ");
    return {
      outcome: "pass",
      summary: `The vehicle is compatible with ${scopes.join(", ")} in ${countries}.`,
      evidence,
      signals: [
        {
          cause: "region_unavailable",
          weight: -2,
          why: `compatible with the needed permission in ${countries}`,
        },
      ],
    };
  },
};

export const smartcarReachabilityCheck: CheckDefinition<SmartcarCheckContext> = {
  id: "vehicle_connectivity",
  label: "Reachability: a cheap read of the vehicle",
  causes: ["vehicle_connectivity", "subscription_inactive"],
  cost: 3,
  async run(context) {
    const { incident, smartcar } = context;
    const { vehicleId, problem } = await vehicleIdOf(context);
    if (!vehicleId) return skip(`Cannot read the vehicle: ${problem}.`);
    const path = `/v2.0/vehicles/${vehicleId}/odometer`;
    const read = await smartcar.odometer(incident.accountRef, vehicleId);
    if (read.ok)
      return {
        outcome: "pass",
        summary: `The vehicle answered GET ${path} (odometer ${read.data.distance}).`,
        evidence: { exchange: read.exchange },
        signals: [
          { cause: "vehicle_connectivity", weight: -2, why: "the vehicle answered a read now" },
          {
            cause: "subscription_inactive",
            weight: -1,
            why: "the make still serves the vehicle's data",
          },
        ],
      };
    const signal = codeSignal(
      read.error,
      read.error?.type === "VEHICLE_STATE" ? 3.5 : 2.5,
      `GET ${path}`,
    );
    if (!signal) return unreadable(`GET ${path}`, read);
    return {
      outcome: "fail",
      summary: `GET ${path} answered ${read.problem}.`,
      evidence: { problem: read.problem, error: read.error, exchange: read.exchange },
      signals: [signal],
    };
  },
};
