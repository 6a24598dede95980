// What the Smartcar face answers about a vehicle, per v2.0 endpoint path: the permission each
// needs, whether it reaches the automaker (live) and which market feature it depends on, and a
// reading shaped like Smartcar's. Readings are derived from the VIN and the seed, so they are
// stable; units follow the caller's sc-unit-system header.
import type { Feature, Vehicle } from "../fleet";
import { hashSeed, seededRandom } from "../random";
import { smartcarErrors } from "./errors";
import type { FaceContext } from "./route";
import type { Permission } from "./state";

type Powertrain = "ICE" | "HEV" | "PHEV" | "BEV";
const POWERTRAINS: Record<string, Powertrain> = {
  bZ4X: "BEV",
  "Prius Prime": "PHEV",
  Prius: "HEV",
  "NX 350h": "HEV",
  "ES 300h": "HEV",
};
const powertrainOf = (vehicle: Vehicle): Powertrain => POWERTRAINS[vehicle.model] ?? "ICE";

export type UnitSystem = "metric" | "imperial";
export const unitSystemOf = (context: FaceContext): UnitSystem =>
  context.request.headers["sc-unit-system"] === "imperial" ? "imperial" : "metric";

const KM_PER_MILE = 1.609344;
const KPA_PER_PSI = 6.894757;
const LITRES_PER_GALLON = 3.785411;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function readings(context: FaceContext, vehicle: Vehicle) {
  const random = seededRandom(hashSeed(context.env.options.seed, context.env.name, vehicle.vin));
  const imperial = unitSystemOf(context) === "imperial";
  const distance = (km: number) => round(imperial ? km / KM_PER_MILE : km);
  const fuelPercent = round(0.25 + random() * 0.7, 2);
  const batteryPercent = round(0.3 + random() * 0.65, 2);
  return {
    distance,
    pressure: (kpa: number) => round(imperial ? kpa / KPA_PER_PSI : kpa),
    volume: (litres: number) => round(imperial ? litres / LITRES_PER_GALLON : litres),
    fuelPercent,
    batteryPercent,
    oilLife: round(0.2 + random() * 0.75, 2),
    tyres: [random(), random(), random(), random()].map((jitter) => 230 + jitter * 20),
  };
}

export type VehicleEndpoint = {
  permission: Permission;
  live: boolean;
  feature: Feature;
  summary: string;
  read: (context: FaceContext, vehicle: Vehicle) => Record<string, unknown>;
};

const needs = (vehicle: Vehicle, allowed: Powertrain[], what: string) => {
  if (!allowed.includes(powertrainOf(vehicle))) throw smartcarErrors.vehicleNotCapable(what);
};

/** Keyed by the path after /v2.0/vehicles/{id}, as batch requests name them. */
export const VEHICLE_ENDPOINTS: Record<string, VehicleEndpoint> = {
  "/": {
    permission: "read_vehicle_info",
    live: false,
    feature: "vehicle_status",
    summary: "Attributes: id, make, model, year",
    read: (context, vehicle) => ({
      id: context.state.vehicleIdOf(vehicle.vin),
      make: vehicle.brand.toUpperCase(),
      model: vehicle.model,
      year: vehicle.year,
    }),
  },
  "/vin": {
    permission: "read_vin",
    live: false,
    feature: "vehicle_status",
    summary: "The VIN",
    read: (_context, vehicle) => ({ vin: vehicle.vin }),
  },
  "/location": {
    permission: "read_location",
    live: true,
    feature: "vehicle_locate",
    summary: "Last known location",
    read: () => ({ latitude: 35.0844, longitude: -106.6504 }),
  },
  "/odometer": {
    permission: "read_odometer",
    live: true,
    feature: "vehicle_status",
    summary: "Odometer",
    read: (context, vehicle) => ({
      distance: readings(context, vehicle).distance(vehicle.odometerKm),
    }),
  },
  "/battery": {
    permission: "read_battery",
    live: true,
    feature: "vehicle_status",
    summary: "EV battery: percent remaining and range",
    read: (context, vehicle) => {
      needs(vehicle, ["BEV", "PHEV"], "traction battery");
      const { batteryPercent, distance } = readings(context, vehicle);
      const fullRangeKm = powertrainOf(vehicle) === "BEV" ? 400 : 60;
      return { percentRemaining: batteryPercent, range: distance(fullRangeKm * batteryPercent) };
    },
  },
  "/charge": {
    permission: "read_charge",
    live: true,
    feature: "vehicle_status",
    summary: "EV charging state",
    read: (_context, vehicle) => {
      needs(vehicle, ["BEV", "PHEV"], "charge port");
      return { isPluggedIn: false, state: "NOT_CHARGING" };
    },
  },
  "/fuel": {
    permission: "read_fuel",
    live: true,
    feature: "vehicle_status",
    summary: "Fuel tank: amount, percent and range",
    read: (context, vehicle) => {
      needs(vehicle, ["ICE", "HEV", "PHEV"], "fuel tank");
      const { fuelPercent, distance, volume } = readings(context, vehicle);
      return {
        amountRemaining: volume(55 * fuelPercent),
        percentRemaining: fuelPercent,
        range: distance(650 * fuelPercent),
      };
    },
  },
  "/engine/oil": {
    permission: "read_engine_oil",
    live: true,
    feature: "vehicle_status",
    summary: "Engine oil life remaining",
    read: (context, vehicle) => {
      needs(vehicle, ["ICE", "HEV", "PHEV"], "engine oil sensor");
      return { lifeRemaining: readings(context, vehicle).oilLife };
    },
  },
  "/tires/pressure": {
    permission: "read_tires",
    live: true,
    feature: "vehicle_status",
    summary: "Tire pressures",
    read: (context, vehicle) => {
      const { tyres, pressure } = readings(context, vehicle);
      const [frontLeft, frontRight, backLeft, backRight] = tyres.map(pressure);
      return { frontLeft, frontRight, backLeft, backRight };
    },
  },
  "/security": {
    permission: "read_security",
    live: true,
    feature: "vehicle_status",
    summary: "Lock status",
    read: (context, vehicle) => {
      const isLocked = context.state.locked.get(vehicle.vin) ?? true;
      const doors = ["frontLeft", "frontRight", "backLeft", "backRight"].map((type) => ({
        type,
        status: "CLOSED",
      }));
      return { isLocked, doors, windows: [], sunroof: [], storage: [], chargingPort: [] };
    },
  },
};

/** Headers Smartcar sets on a vehicle reading, which the SDK reads into `meta`. */
export function readingHeaders(context: FaceContext, vehicle: Vehicle): Record<string, string> {
  const { lastSeenAt } = context.env.reachability(vehicle, context.about);
  return {
    "sc-data-age": lastSeenAt,
    "sc-fetched-at": new Date().toISOString(),
    "sc-unit-system": unitSystemOf(context),
  };
}
