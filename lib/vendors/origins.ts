import "server-only";
// The URLs a connection really uses: what the admin set, else the settings' simulator
// (SIMULATOR_URL) for a simulator connection, else real Smartcar's origins for a Smartcar one.
import { simulatorBaseUrl } from "@/lib/telematics/simulator-status";
import { SMARTCAR_ORIGINS, SMARTCAR_ORIGIN_FIELDS, type SmartcarOriginField } from "./constants";

export type ConnectionOrigins =
  | { kind: "pitstop-simulator"; baseUrl: string }
  | ({ kind: "smartcar" } & Record<SmartcarOriginField, string>);

type OriginColumns = { kind: string; baseUrl: string | null } & Record<
  SmartcarOriginField,
  string | null
>;

export function connectionOrigins(row: OriginColumns): ConnectionOrigins {
  if (row.kind !== "smartcar")
    return { kind: "pitstop-simulator", baseUrl: row.baseUrl ?? simulatorBaseUrl() };
  return {
    kind: "smartcar",
    ...(Object.fromEntries(
      SMARTCAR_ORIGIN_FIELDS.map((field) => [
        field,
        row[field] ?? row.baseUrl ?? SMARTCAR_ORIGINS[field],
      ]),
    ) as Record<SmartcarOriginField, string>),
  };
}
