// Which probe state changes notify the team (outbound webhooks): an endpoint going down, and
// one coming back up from down or degraded. Degraded alone, or unknown (no data), is charted
// but does not page anyone.
import type { OutboundEvent } from "@/lib/webhooks/outbox";
import { PROBE_ENDPOINTS } from "./catalogue";

export type StateChangeFacts = {
  environment: string;
  endpoint: string;
  state: string;
  previous: string | null;
  at: Date;
  lastStatus: number | null;
  failureShare: number | null;
};

const endpointLabel = (id: string) =>
  PROBE_ENDPOINTS.find((endpoint) => endpoint.id === id)?.label ?? id;

const percent = (share: number | null) =>
  share === null ? null : `${Math.round(share * 100)} % of recent probes failed`;

export function probeStateEvent(change: StateChangeFacts): OutboundEvent | null {
  const recovered =
    change.state === "up" && (change.previous === "down" || change.previous === "degraded");
  if (change.state !== "down" && !recovered) return null;
  const where = `${endpointLabel(change.endpoint)} (${change.endpoint}) in ${change.environment}`;
  const detail = [
    change.lastStatus ? `last answer HTTP ${change.lastStatus}` : null,
    percent(change.failureShare),
  ]
    .filter(Boolean)
    .join(", ");
  return {
    event: recovered ? "probe.recovered" : "probe.down",
    occurredAt: change.at,
    data: {
      environment: change.environment,
      endpoint: change.endpoint,
      state: change.state,
      previous: change.previous,
      at: change.at.toISOString(),
      lastStatus: change.lastStatus,
      failureShare: change.failureShare,
      path: "/probes",
    },
    text: recovered
      ? `:large_green_circle: Vendor endpoint ${where} recovered (was ${change.previous})`
      : `:red_circle: Vendor endpoint ${where} is down${detail ? `: ${detail}` : ""}`,
  };
}
