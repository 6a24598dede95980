// Vendor connection names and values shared by schema, store, runtime and client components.
// No imports: safe in a "use client" file.

export const VENDOR_KINDS = ["pitstop-simulator", "smartcar"] as const;
export type VendorKind = (typeof VENDOR_KINDS)[number];

export const VENDOR_KIND_LABELS: Record<VendorKind, string> = {
  "pitstop-simulator": "Pitstop simulator",
  smartcar: "Smartcar",
};

/** The seeded connections (prepare step). */
export const DEFAULT_SIMULATOR_CONNECTION_NAME = "Simulator";
export const DEMO_SMARTCAR_CONNECTION_NAME = "Smartcar (simulator sandbox)";
export const DEMO_SMARTCAR_CLIENT = {
  clientId: "sc-demo-client",
  clientSecret: "sc-demo-secret",
  managementToken: "sc-demo-amt",
} as const;

/** Real Smartcar's four origins, used for any a Smartcar connection leaves unset. */
export const SMARTCAR_ORIGINS = {
  authOrigin: "https://auth.smartcar.com",
  apiOrigin: "https://api.smartcar.com",
  v3Origin: "https://vehicle.api.smartcar.com",
  managementOrigin: "https://management.smartcar.com",
} as const;
export type SmartcarOriginField = keyof typeof SMARTCAR_ORIGINS;
export const SMARTCAR_ORIGIN_FIELDS = Object.keys(SMARTCAR_ORIGINS) as SmartcarOriginField[];

/** What Pitstop asks for when it links an account: the reads and the one control diagnosis uses. */
export const SMARTCAR_DIAGNOSIS_SCOPES = [
  "read_vehicle_info",
  "read_vin",
  "read_location",
  "read_odometer",
  "read_battery",
  "read_charge",
  "read_fuel",
  "read_engine_oil",
  "read_tires",
  "control_security",
] as const;

/** Where Smartcar Connect sends the browser back: `{public or request origin}` + this. */
export const SMARTCAR_CALLBACK_PATH = "/admin/vendors/callback";
/** How long a Connect round trip may take before its state is refused. */
export const CONNECT_STATE_TTL_MS = 10 * 60_000;
