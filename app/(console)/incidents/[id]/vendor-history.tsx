// The vendor's latency, failures and 429s around an incident, and the endpoint state changes
// the probes recorded then, from the synthetic probes of its environment.
import { ProbeStateBadge } from "@/components/badges";
import { LatencyChart } from "@/components/latency-chart";
import {
  isProbeEnvironment,
  probeEndpoint,
  type ProbeEndpointId,
  type ProbeEnvironment,
} from "@/lib/probes/catalogue";
import { probeRetention } from "@/lib/probes/config";
import { pastRetention } from "@/lib/probes/range";
import { probeStateChangesAround, vendorHistoryAround } from "@/lib/probes/store";

const utc = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;

export async function VendorHistory({
  environment,
  occurredAt,
}: {
  environment: string;
  occurredAt: Date;
}) {
  // Incidents are filed for sandbox or prod; anything else was never probed.
  if (!isProbeEnvironment(environment)) return null;
  const { minuteDays } = probeRetention();
  return (
    <section aria-labelledby="vendor-history-heading" className="space-y-2">
      <h2 id="vendor-history-heading" className="font-semibold">
        Vendor latency, failures and 429s around this incident
      </h2>
      {pastRetention(occurredAt, minuteDays) ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          This incident&apos;s time is past the probes&apos; retention: per-minute probe history is
          kept for {minuteDays} days, so there is none left from around {utc(occurredAt)}.
        </p>
      ) : (
        <ProbeHistory environment={environment} occurredAt={occurredAt} />
      )}
    </section>
  );
}

async function ProbeHistory({
  environment,
  occurredAt,
}: {
  environment: ProbeEnvironment;
  occurredAt: Date;
}) {
  const [{ series, from, to }, changes] = await Promise.all([
    vendorHistoryAround(environment, occurredAt),
    probeStateChangesAround(environment, occurredAt),
  ]);
  return (
    <>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Synthetic probes of {environment}, {utc(from)} to {utc(to)} (3 h before to 1 h after the
        incident).
      </p>
      <LatencyChart
        series={series}
        title={`${environment}: vendor latency, failures and 429s around the incident`}
        xDomain={[from.getTime(), to.getTime()]}
        emptyText={`The probes have no ${environment} samples between ${utc(from)} and ${utc(to)}: they were not running then, or that time is past the per-minute retention.`}
      />
      {changes.length ? (
        <ul aria-label="Probe state changes around this incident" className="space-y-1 text-sm">
          {changes.map((change) => (
            <li key={change.id} className="flex flex-wrap items-center gap-2">
              <time dateTime={change.at.toISOString()}>{utc(change.at)}</time>
              <span>
                {probeEndpoint(change.endpoint as ProbeEndpointId)?.label ?? change.endpoint}
              </span>
              <ProbeStateBadge state={change.state} />
              {change.previous ? (
                <span className="text-slate-600 dark:text-slate-400">
                  (was {change.previous}; last answer {change.lastStatus ?? "none"})
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No probe state changes in {environment} in this window.
        </p>
      )}
    </>
  );
}
