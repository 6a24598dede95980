// Account, subscriptions, vehicles, vehicle status and region features.
import { FEATURES } from "../fleet";
import type { RouteSpec } from "../route-spec";
import { requireVehicleAccess, vinParamsSchema } from "./vehicle-access";

const api = { mount: "environment", auth: "bearer", api: true } as const;

export const vehicleRoutes: RouteSpec[] = [
  {
    ...api,
    method: "GET",
    path: "/v1/account",
    requiredScopes: ["account:read"],
    summary: "The signed-in account",
    tag: "Accounts",
    responses: { 200: "Account", 401: "Invalid token", 403: "Scope or verification" },
    handler({ env, account, tenant }) {
      return {
        body: {
          id: account!.id,
          email: account!.email,
          name: account!.name,
          market: account!.market,
          verification: account!.verification,
          vehicleCount: env.linkCountOf(account!, tenant?.id ?? null),
        },
      };
    },
  },
  {
    ...api,
    method: "GET",
    path: "/v1/subscriptions",
    requiredScopes: ["subscription:read"],
    summary: "Connected Services subscriptions of the account's vehicles",
    tag: "Accounts",
    responses: { 200: "Subscriptions", 401: "Invalid token", 403: "Missing scope" },
    handler({ env, account, tenant }) {
      const subscriptions = env.linksOf(account!, tenant?.id ?? null).map((link) => {
        const about = env.about(tenant?.id ?? null, account, link.vin);
        const subscription = env.fleet.subscriptions.find(
          (candidate) => candidate.vin === link.vin,
        );
        return {
          vin: link.vin,
          plan: subscription?.plan ?? null,
          ...env.subscriptionStatus(link.vin, about),
        };
      });
      return { body: { subscriptions } };
    },
  },
  {
    ...api,
    method: "GET",
    path: "/v1/vehicles",
    requiredScopes: ["vehicle:read"],
    summary: "Vehicles linked to the account, with the account's role on each",
    tag: "Vehicles",
    responses: { 200: "Vehicles", 401: "Invalid token", 403: "Missing scope" },
    handler({ env, account, tenant }) {
      const vehicles = env
        .linksOf(account!, tenant?.id ?? null)
        .map(({ vehicle, role, linkedAt }) => ({
          vin: vehicle.vin,
          brand: vehicle.brand,
          model: vehicle.model,
          year: vehicle.year,
          market: vehicle.market,
          role,
          linkedAt,
        }));
      return { body: { vehicles } };
    },
  },
  {
    ...api,
    method: "GET",
    path: "/v1/vehicles/:vin/status",
    requiredScopes: ["vehicle:read"],
    params: vinParamsSchema,
    summary: "Vehicle status as its telematics unit last reported it",
    tag: "Vehicles",
    responses: {
      200: "Status",
      403: "Not linked, subscription inactive or not offered in region",
      404: "Unknown VIN",
    },
    handler(context) {
      const vehicle = requireVehicleAccess(context, { feature: "vehicle_status" });
      const connectivity = context.env.reachability(vehicle, context.about);
      return {
        body: {
          vin: vehicle.vin,
          telematicsUnit: vehicle.telematics.unit,
          ...connectivity,
          odometerKm: vehicle.odometerKm,
          doorsLocked: true,
          engineRunning: false,
        },
      };
    },
  },
  {
    ...api,
    method: "GET",
    path: "/v1/vehicles/:vin/features",
    requiredScopes: ["vehicle:read"],
    params: vinParamsSchema,
    summary: "Which remote features the vehicle's market offers",
    tag: "Vehicles",
    responses: { 200: "Features", 403: "Not linked", 404: "Unknown VIN" },
    handler(context) {
      const vehicle = requireVehicleAccess(context, { subscription: false });
      return {
        body: {
          vin: vehicle.vin,
          market: vehicle.market,
          features: FEATURES.map((feature) => ({
            feature,
            available: context.env.featureAvailable(vehicle, feature, context.about),
          })),
        },
      };
    },
  },
];
