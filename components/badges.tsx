const STATUS_STYLES: Record<string, string> = {
  open: "bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-200",
  triaging: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200",
  mitigated: "bg-blue-100 text-blue-900 dark:bg-blue-900/50 dark:text-blue-200",
  resolved: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-200",
};
const SEVERITY_STYLES: Record<string, string> = {
  sev1: "bg-red-700 text-white",
  sev2: "bg-orange-700 text-white",
  sev3: "bg-yellow-300 text-slate-900",
  sev4: "bg-slate-300 text-slate-900",
};

const PROBE_STATE_STYLES: Record<string, string> = {
  up: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-200",
  degraded: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200",
  down: "bg-red-700 text-white",
  unknown: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
};

const badge = "inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap";

export function StatusBadge({ status }: { status: string }) {
  return <span className={`${badge} ${STATUS_STYLES[status] ?? ""}`}>{status}</span>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`${badge} ${SEVERITY_STYLES[severity] ?? ""}`}>{severity}</span>;
}

export function ProbeStateBadge({ state }: { state: string }) {
  return <span className={`${badge} ${PROBE_STATE_STYLES[state] ?? ""}`}>{state}</span>;
}
