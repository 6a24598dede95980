// API v3 as far as the SDK's getVehicle and getSignals reach: the vehicle resource and its
// signals, JSON:API-shaped ({data, meta, links}), each signal read only when its permission
// was granted.
import type { Vehicle } from "../fleet";
import type { FaceContext, FaceRoute } from "./route";
import { VEHICLE_ENDPOINTS } from "./vehicle-data";

const v3 = { auth: "bearer", api: true, tag: "Smartcar API v3" } as const;

type SignalSource = {
  code: string;
  name: string;
  group: string;
  endpoint: string;
  body: (reading: Record<string, unknown>) => Record<string, unknown>;
};

// Which v2.0 reading each v3 signal comes from.
const SIGNALS: SignalSource[] = [
  {
    code: "odometer-traveleddistance",
    name: "TraveledDistance",
    group: "Odometer",
    endpoint: "/odometer",
    body: (reading) => ({ value: reading.distance }),
  },
  {
    code: "location-preciselocation",
    name: "PreciseLocation",
    group: "Location",
    endpoint: "/location",
    body: (reading) => reading,
  },
  {
    code: "closure-islocked",
    name: "IsLocked",
    group: "Closure",
    endpoint: "/security",
    body: (reading) => ({ value: reading.isLocked }),
  },
  {
    code: "internalcombustionengine-fuellevel",
    name: "FuelLevel",
    group: "InternalCombustionEngine",
    endpoint: "/fuel",
    body: (reading) => ({ value: reading.percentRemaining }),
  },
  {
    code: "tractionbattery-stateofcharge",
    name: "StateOfCharge",
    group: "TractionBattery",
    endpoint: "/battery",
    body: (reading) => ({ value: reading.percentRemaining }),
  },
];

function signalsOf(context: FaceContext, vehicle: Vehicle) {
  const retrievedAt = new Date().toISOString();
  return SIGNALS.flatMap((signal) => {
    const endpoint = VEHICLE_ENDPOINTS[signal.endpoint]!;
    if (!context.scopes.includes(endpoint.permission)) return [];
    let reading: Record<string, unknown>;
    try {
      reading = endpoint.read(context, vehicle);
    } catch {
      // A reading this vehicle cannot give (no fuel tank, no battery) is simply not a signal of it.
      return [];
    }
    return [
      {
        id: signal.code,
        type: "signal",
        attributes: {
          code: signal.code,
          name: signal.name,
          group: signal.group,
          status: { value: "SUCCESS" },
          body: signal.body(reading),
        },
        meta: { retrievedAt, oemUpdatedAt: retrievedAt },
      },
    ];
  });
}

const vehicleRoute = (path: string): FaceRoute => ({
  ...v3,
  method: "GET",
  path,
  permission: "read_vehicle_info",
  summary: "The vehicle resource: {id, type, attributes: {make, model, year}, links}",
  responses: { 200: "Vehicle", 401: "AUTHENTICATION" },
  handler: ({ vehicle, connection }) => ({
    body: {
      id: connection!.vehicleId,
      type: "vehicle",
      attributes: {
        make: vehicle!.brand.toUpperCase(),
        model: vehicle!.model,
        year: vehicle!.year,
      },
      links: { self: `/vehicles/${connection!.vehicleId}` },
    },
  }),
});

export const v3Routes: FaceRoute[] = [
  vehicleRoute("/v3/vehicles/:vehicleId"),
  vehicleRoute("/v3/vehicles/:vehicleId/"),
  {
    ...v3,
    method: "GET",
    path: "/v3/vehicles/:vehicleId/signals",
    live: true,
    feature: "vehicle_status",
    summary: "The vehicle's signals the granted permissions allow",
    responses: { 200: "{data: [signal], meta: {totalCount}, links}", 409: "VEHICLE_STATE" },
    handler(context) {
      const data = signalsOf(context, context.vehicle!);
      return {
        body: {
          data,
          meta: { totalCount: data.length },
          links: { self: `/vehicles/${context.connection!.vehicleId}/signals` },
        },
      };
    },
  },
];
