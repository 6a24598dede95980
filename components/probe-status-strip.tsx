// Each probed endpoint's state at a glance, and a banner naming the ones that are not up: what
// an on-caller reads first on the probes page.
import type { ProbeEndpointStatus } from "@/lib/probes/store";
import { ProbeStateBadge } from "./badges";

const utc = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;
const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)} %`);

export type LabelledStatus = ProbeEndpointStatus & { label: string };

export function ProbeStateBanner({ statuses }: { statuses: LabelledStatus[] }) {
  const troubled = statuses.filter(
    (status) => status.state === "down" || status.state === "degraded",
  );
  if (troubled.length === 0) return null;
  const anyDown = troubled.some((status) => status.state === "down");
  return (
    <div
      role="alert"
      className={`rounded-md p-3 text-sm ${
        anyDown
          ? "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200"
          : "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
      }`}
    >
      <p className="font-semibold">
        {anyDown ? "Vendor endpoints are down" : "Vendor endpoints are degraded"}
      </p>
      <ul className="mt-1 list-disc pl-5">
        {troubled.map((status) => (
          <li key={`${status.environment}/${status.endpoint}`}>
            {status.environment} {status.label}: {status.state}
            {status.since ? ` since ${utc(status.since)}` : ""} (last answer{" "}
            {status.lastStatus ?? "none"}, {percent(status.failureShare)} of the last probes failed)
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ProbeStatusStrip({
  environment,
  statuses,
}: {
  environment: string;
  statuses: LabelledStatus[];
}) {
  return (
    <ul aria-label={`${environment} endpoint states`} className="flex flex-wrap gap-2">
      {statuses.map((status) => (
        <li
          key={status.endpoint}
          className="flex items-center gap-2 rounded-md border border-slate-200 px-2 py-1 text-sm dark:border-slate-800"
        >
          <span>{status.label}</span>
          <ProbeStateBadge state={status.state} />
          <span className="text-xs text-slate-600 dark:text-slate-400">
            {percent(status.failureShare)} failed
          </span>
        </li>
      ))}
    </ul>
  );
}
