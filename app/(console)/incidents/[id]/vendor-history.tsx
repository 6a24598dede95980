// The vendor's latency and 429s around an incident, from the synthetic probes of its environment.
import { LatencyChart } from "@/components/latency-chart";
import { isProbeEnvironment } from "@/lib/probes/catalogue";
import { vendorHistoryAround } from "@/lib/probes/store";

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
  const { series, from, to } = await vendorHistoryAround(environment, occurredAt);
  return (
    <section aria-labelledby="vendor-history-heading" className="space-y-2">
      <h2 id="vendor-history-heading" className="font-semibold">
        Vendor latency and 429s around this incident
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Synthetic probes of {environment}, {utc(from)} to {utc(to)} (3 h before to 1 h after the
        incident).
      </p>
      <LatencyChart
        series={series}
        title={`${environment}: vendor latency and 429s around the incident`}
        xDomain={[from.getTime(), to.getTime()]}
        emptyText={`The probes have no ${environment} samples between ${utc(from)} and ${utc(to)}: they were not running then, or that time is past the per-minute retention.`}
      />
    </section>
  );
}
