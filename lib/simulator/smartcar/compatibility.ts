// GET /v2.0/compatibility?vin&scope&country, authenticated with the application's client id and
// secret by Basic, as the SDK's getCompatibility sends them: whether Smartcar can serve the VIN
// in that country and, per permission, whether the endpoint behind it works for the vehicle.
import { z } from "zod";
import type { Market, Vehicle } from "../fleet";
import type { FaceContext, FaceRoute } from "./route";
import { PERMISSIONS } from "./state";
import { VEHICLE_ENDPOINTS } from "./vehicle-data";

const EU_COUNTRIES = [
  "AT",
  "BE",
  "DE",
  "DK",
  "ES",
  "FI",
  "FR",
  "GB",
  "IE",
  "IT",
  "NL",
  "NO",
  "PL",
  "PT",
  "SE",
];
const marketOfCountry = (country: string): Market | null =>
  EU_COUNTRIES.includes(country)
    ? "EU"
    : ((["US", "CA", "JP", "AU"] as const).find((market) => market === country) ?? null);

const compatibilityQuerySchema = z.object({
  vin: z
    .string()
    .regex(/^[A-HJ-NPR-Z0-9]{17}$/, { error: "vin must be 17 characters without I, O or Q" }),
  scope: z
    .string({ error: "scope is required" })
    .transform((scope) => scope.split(/\s+/).filter(Boolean))
    .pipe(
      z
        .array(
          z.enum(PERMISSIONS, { error: `scope names permissions among ${PERMISSIONS.join(", ")}` }),
        )
        .min(1),
    ),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: "country must be an ISO 3166-1 alpha-2 code" })
    .default("US"),
});

/** The endpoint behind a permission; control_security is the POST on /security. */
function endpointOf(permission: string) {
  if (permission === "control_security")
    return {
      path: "/security",
      spec: VEHICLE_ENDPOINTS["/security"]!,
      feature: "remote_lock" as const,
    };
  const [path, spec] = Object.entries(VEHICLE_ENDPOINTS).find(
    ([, candidate]) => candidate.permission === permission,
  )!;
  return { path, spec, feature: spec.feature };
}

function capability(
  context: FaceContext,
  vehicle: Vehicle | undefined,
  permission: string,
  servable: boolean,
) {
  const { path: endpoint, spec, feature } = endpointOf(permission);
  const refused = (reason: string) => ({ permission, endpoint, capable: false, reason });
  if (!vehicle) return refused("VEHICLE_NOT_COMPATIBLE");
  if (!servable || !context.env.featureAvailable(vehicle, feature, context.about))
    return refused("SMARTCAR_NOT_CAPABLE");
  // A reading the vehicle's hardware cannot give (no traction battery) refuses itself.
  try {
    spec.read(context, vehicle);
  } catch {
    return refused("VEHICLE_NOT_CAPABLE");
  }
  return { permission, endpoint, capable: true, reason: null };
}

export const compatibilityRoutes: FaceRoute[] = [
  {
    method: "GET",
    path: "/v2.0/compatibility",
    auth: "client",
    api: true,
    query: compatibilityQuerySchema,
    tag: "Smartcar API v2.0",
    summary: "Compatibility of a VIN in a country, per permission (client id and secret by Basic)",
    responses: {
      200: "{compatible, reason, capabilities: [{permission, endpoint, capable, reason}]}",
    },
    handler(context) {
      const { vin, scope, country } = context.query as z.infer<typeof compatibilityQuerySchema>;
      const vehicle = context.env.vehicle(vin);
      context.about = { ...context.about, vin };
      const regionFault = context.env.faults
        .active(context.env.name, "region_unavailable", context.about)
        .some((fault) => !fault.params.feature);
      const servable =
        Boolean(vehicle) && !regionFault && marketOfCountry(country) === vehicle!.market;
      return {
        body: {
          compatible: servable,
          reason: !vehicle ? "VEHICLE_NOT_COMPATIBLE" : servable ? null : "MAKE_NOT_COMPATIBLE",
          capabilities: scope.map((permission) =>
            capability(context, vehicle, permission, servable),
          ),
        },
      };
    },
  },
];
