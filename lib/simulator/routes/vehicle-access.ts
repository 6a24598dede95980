// The vendor's checks before it acts on a vehicle, in its order: the VIN exists, it is linked
// to this account (as primary when needed), its subscription is live, the feature is offered
// in its market.
import { z } from "zod";
import { vendorErrors } from "../errors";
import type { Feature, Vehicle } from "../fleet";
import type { RouteContext } from "../route-spec";
import { VIN_PATTERN } from "../vin";

export const vinParamsSchema = z.object({
  vin: z.string().toUpperCase().regex(VIN_PATTERN, {
    error: "vin must be 17 characters, letters and digits without I, O or Q",
  }),
});

export function requireVehicleAccess(
  context: RouteContext,
  needs: { feature?: Feature; primaryOnly?: boolean; subscription?: boolean },
): Vehicle {
  const { env, account } = context;
  const vin = context.params.vin ?? "";
  const vehicle = env.vehicle(vin);
  if (!vehicle) throw vendorErrors.vinNotFound(vin);
  const about = env.about(context.tenant?.id ?? null, account, vin);
  context.about = about;
  const { link, reason } = env.linkFor(vin, account!, about);
  if (!link) throw vendorErrors.vehicleNotLinked(reason ?? "unlinked");
  if (needs.primaryOnly && link.role !== "primary") throw vendorErrors.notPrimaryDriver();
  if (needs.subscription !== false) {
    const { status } = env.subscriptionStatus(vin, about);
    if (status !== "active" && status !== "trial") throw vendorErrors.subscriptionInactive(status);
  }
  if (needs.feature && !env.featureAvailable(vehicle, needs.feature, about))
    throw vendorErrors.regionUnavailable(needs.feature, vehicle.market);
  return vehicle;
}
