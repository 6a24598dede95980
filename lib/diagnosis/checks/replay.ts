// Replays the failing call with the incident's pinned API version and app version, against
// sandbox and prod, keeping both full exchanges and a ready-to-paste curl -v reproduction.
import { ENVIRONMENTS } from "@/lib/incidents/schema";
import { curlReproduction, type Exchange } from "@/lib/telematics/client";
import { skip, type CauseSignal, type CheckDefinition } from "../check";
import type { CauseId } from "../taxonomy";
import { causeOfStatus, VENDOR_CODE_CAUSES } from "../vendor-codes";

type Replay = {
  environment: "sandbox" | "prod";
  exchange: Exchange | null;
  curl: string | null;
  problem: string | null;
};

/** The cause the replay's answer names: by the vendor's error code (proof), else by status. */
function causeOf(exchange: Exchange): { cause: CauseId; byCode: boolean } | null {
  const body = exchange.response?.body as { code?: string; error?: string } | null;
  const code = body?.code ?? body?.error;
  const coded = code ? VENDOR_CODE_CAUSES[code] : undefined;
  if (coded) return { cause: coded, byCode: true };
  const byStatus = exchange.response ? causeOfStatus(exchange.response.status) : null;
  return byStatus ? { cause: byStatus, byCode: false } : null;
}

export const replayCheck: CheckDefinition = {
  id: "replay",
  label: "Replay in sandbox and prod",
  causes: [
    "server_outage",
    "rate_limited",
    "app_version",
    "missing_scope",
    "subscription_inactive",
    "vehicle_not_linked",
    "region_unavailable",
    "phone_network",
  ],
  cost: 4,
  async run({ incident, vendor }) {
    if (!incident.accountRef) return skip("The incident names no account to replay the call as.");
    const trace = await vendor.requestTrace(incident.environment, incident.correlationId);
    const original = trace.ok
      ? (trace.data.requests.find((request) => request.status >= 400) ?? trace.data.requests[0])
      : undefined;
    const method = (original?.method ?? "GET") as "GET" | "POST";
    const path =
      original?.path.replace(/^\/(sandbox|prod)/, "") ??
      (incident.vin ? `/v1/vehicles/${incident.vin}/status` : "/v1/account");
    const replays: Replay[] = [];
    for (const environment of ENVIRONMENTS) {
      const tenant = await vendor.tenant(environment, incident.tenant);
      const token = await vendor.mintToken(
        environment,
        incident.tenant,
        incident.accountRef,
        incident.scopes,
      );
      if (!tenant.ok || !tenant.data || !token.ok) {
        replays.push({
          environment,
          exchange: null,
          curl: null,
          problem: !tenant.ok
            ? tenant.problem
            : !tenant.data
              ? `tenant ${incident.tenant} unknown in ${environment}`
              : !token.ok
                ? token.problem
                : null,
        });
        continue;
      }
      const exchange = await vendor.client.send({
        method,
        path,
        environment,
        apiVersion: incident.apiVersion ?? "2025-09-01",
        appVersion: incident.appVersion,
        headers: {
          authorization: `Bearer ${token.data.access_token}`,
          "x-api-key": tenant.data.apiKey,
        },
        json:
          method === "POST" && path.endsWith("/commands")
            ? { command: /lock\b/i.test(incident.errorString) ? "lock" : "engine_start" }
            : undefined,
      });
      replays.push({ environment, exchange, curl: curlReproduction(exchange), problem: null });
    }
    const own = replays.find((replay) => replay.environment === incident.environment)?.exchange;
    const other = replays.find((replay) => replay.environment !== incident.environment)?.exchange;
    const evidence = { method, path, replays };
    if (!own)
      return {
        outcome: "error",
        summary: "Could not replay the call in the incident's environment.",
        evidence,
        signals: [],
      };
    if (own.failure)
      return {
        outcome: "fail",
        summary: `The replay got no answer (${own.failure.kind}).`,
        evidence,
        signals: [{ cause: "server_outage", weight: 1.5, why: `replay: ${own.failure.kind}` }],
      };
    const status = own.response!.status;
    const signals: CauseSignal[] = [];
    if (status < 400) {
      signals.push({
        cause: "phone_network",
        weight: trace.ok && trace.data.requests.length === 0 ? 1.5 : 0,
        why: "the same call works from Pitstop's network",
      });
      return {
        outcome: "pass",
        summary: `The replay answered ${status} in ${incident.environment}${other?.response ? ` and ${other.response.status} in the other environment` : ""}.`,
        evidence,
        signals: signals.filter((signal) => signal.weight !== 0),
      };
    }
    const named = causeOf(own);
    const cause = named?.cause ?? null;
    if (named)
      signals.push({
        cause: named.cause,
        weight: 2.5,
        proves: named.byCode,
        why: `the replay reproduced ${status}${(own.response!.body as { code?: string } | null)?.code ? ` ${(own.response!.body as { code: string }).code}` : ""}`,
      });
    if (other?.response && other.response.status < 400)
      signals.push({
        cause: cause ?? "server_outage",
        weight: 0.5,
        why: `the other environment answered ${other.response.status}: the difference is environment-specific`,
      });
    return {
      outcome: "fail",
      summary: `The replay reproduced the failure: ${status} in ${incident.environment}${other?.response ? `, ${other.response.status} in the other environment` : ""}.`,
      evidence,
      signals,
    };
  },
};
