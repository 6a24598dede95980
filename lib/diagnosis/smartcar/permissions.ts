// Which Smartcar permission a v2.0 endpoint needs (smartcar.com/docs/api-reference/permissions),
// as data: a concrete path is matched against each template. Endpoints that need no permission
// of their own (the user, the vehicle list, a vehicle's permissions, disconnect) are absent.
export type SmartcarMethod = "GET" | "POST" | "DELETE";

type EndpointPermission = { method: SmartcarMethod; template: string; permission: string };

export const SMARTCAR_ENDPOINT_PERMISSIONS: readonly EndpointPermission[] = [
  { method: "GET", template: "/v2.0/vehicles/{id}", permission: "read_vehicle_info" },
  { method: "GET", template: "/v2.0/vehicles/{id}/vin", permission: "read_vin" },
  { method: "GET", template: "/v2.0/vehicles/{id}/location", permission: "read_location" },
  { method: "GET", template: "/v2.0/vehicles/{id}/odometer", permission: "read_odometer" },
  { method: "GET", template: "/v2.0/vehicles/{id}/battery", permission: "read_battery" },
  { method: "GET", template: "/v2.0/vehicles/{id}/battery/capacity", permission: "read_battery" },
  { method: "GET", template: "/v2.0/vehicles/{id}/charge", permission: "read_charge" },
  { method: "GET", template: "/v2.0/vehicles/{id}/charge/limit", permission: "read_charge" },
  { method: "POST", template: "/v2.0/vehicles/{id}/charge", permission: "control_charge" },
  { method: "POST", template: "/v2.0/vehicles/{id}/charge/limit", permission: "control_charge" },
  { method: "GET", template: "/v2.0/vehicles/{id}/fuel", permission: "read_fuel" },
  { method: "GET", template: "/v2.0/vehicles/{id}/engine/oil", permission: "read_engine_oil" },
  { method: "GET", template: "/v2.0/vehicles/{id}/tires/pressure", permission: "read_tires" },
  { method: "GET", template: "/v2.0/vehicles/{id}/security", permission: "read_security" },
  { method: "POST", template: "/v2.0/vehicles/{id}/security", permission: "control_security" },
];

const templatePattern = (template: string) =>
  new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}/?$`);
const COMPILED = SMARTCAR_ENDPOINT_PERMISSIONS.map((entry) => ({
  ...entry,
  pattern: templatePattern(entry.template),
}));

/** The permission a call needs, or null when the endpoint needs none (or is not one we know). */
export function permissionFor(method: string, path: string): string | null {
  const bare = path.split("?")[0]!;
  return (
    COMPILED.find((entry) => entry.method === method.toUpperCase() && entry.pattern.test(bare))
      ?.permission ?? null
  );
}

/** A Smartcar path with whatever the vendor's base path put before its version removed. */
export function versionedPath(path: string): string {
  const at = path.search(/\/v\d+(\.\d+)?\//);
  return at >= 0 ? path.slice(at) : path;
}
