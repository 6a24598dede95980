// Pairing: register a VIN to the account; the vehicle must confirm before the link exists.
import { z } from "zod";
import { vendorErrors } from "../errors";
import type { RouteSpec } from "../route-spec";
import { VIN_PATTERN } from "../vin";
import { requireVehicleAccess, vinParamsSchema } from "./vehicle-access";

const api = { mount: "environment", auth: "bearer", api: true } as const;

const pairingRequestSchema = z.object({
  vin: z.string().toUpperCase().regex(VIN_PATTERN, {
    error: "vin must be 17 characters, letters and digits without I, O or Q",
  }),
  role: z
    .enum(["primary", "secondary"], { error: "role must be primary or secondary" })
    .default("primary"),
});

export const pairingRoutes: RouteSpec[] = [
  {
    ...api,
    method: "POST",
    path: "/v1/pairings",
    requiredScopes: ["vehicle:link"],
    body: pairingRequestSchema,
    summary: "Start pairing a vehicle with the account; the vehicle confirms asynchronously",
    tag: "Pairing",
    responses: {
      202: "Pending vehicle confirmation",
      403: "Subscription inactive",
      404: "PAIRING_VIN_UNKNOWN",
      409: "PAIRING_ALREADY_LINKED or PAIRING_OWNERSHIP_CONFLICT",
    },
    handler(context) {
      const { env, account, tenant } = context;
      const { vin, role } = context.body as z.infer<typeof pairingRequestSchema>;
      const vehicle = env.vehicle(vin);
      if (!vehicle) throw vendorErrors.pairingFailed(404, "PAIRING_VIN_UNKNOWN", "vin_unknown");
      const about = env.about(tenant!.id, account, vin);
      if (env.linkFor(vin, account!, about).link)
        throw vendorErrors.pairingFailed(409, "PAIRING_ALREADY_LINKED", "already_linked");
      const owner = env.fleet.links.find((link) => link.vin === vin && link.role === "primary");
      if (role === "primary" && owner && owner.accountId !== account!.id)
        throw vendorErrors.pairingFailed(
          409,
          "PAIRING_OWNERSHIP_CONFLICT",
          "owned_by_another_account",
        );
      const { status } = env.subscriptionStatus(vin, about);
      if (status === "expired" || status === "unpaid" || status === "cancelled")
        throw vendorErrors.subscriptionInactive(status);
      const pairing = env.startPairing(vehicle, account!, tenant!.id, role, about);
      return {
        status: 202,
        body: pairing,
        headers: { location: `/${env.name}/v1/pairings/${pairing.id}` },
      };
    },
  },
  {
    ...api,
    method: "GET",
    path: "/v1/pairings/:pairingId",
    requiredScopes: ["vehicle:link"],
    params: z.object({ pairingId: z.string().min(1).max(100) }),
    summary: "A pairing's state: pending_vehicle_confirmation, confirmed or failed",
    tag: "Pairing",
    responses: { 200: "Pairing", 404: "Unknown pairing" },
    handler(context) {
      const pairing = context.env.pairings.get(context.params.pairingId ?? "");
      if (!pairing || pairing.accountId !== context.account!.id)
        throw vendorErrors.notFound("Pairing");
      const failed = pairing.status === "failed";
      return {
        body: failed
          ? { ...pairing, message: "Couldn't pair your vehicle. Please try again." }
          : pairing,
      };
    },
  },
  {
    ...api,
    method: "DELETE",
    path: "/v1/vehicles/:vin/link",
    requiredScopes: ["vehicle:link"],
    params: vinParamsSchema,
    summary: "Unlink the vehicle from the account",
    tag: "Pairing",
    responses: { 204: "Unlinked", 403: "Not linked", 404: "Unknown VIN" },
    handler(context) {
      const vehicle = requireVehicleAccess(context, { subscription: false });
      context.env.unlink(vehicle.vin, context.account!, context.tenant!.id);
      return { status: 204, body: null };
    },
  },
];
